<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Bandeau\Cti\Api\Data\CallerLastOrderInterface;

class CallerLastOrder implements CallerLastOrderInterface
{
    /**
     * @param string $incrementId
     * @param string $status
     * @param string $grandTotal
     */
    public function __construct(private string $incrementId, private string $status, private string $grandTotal)
    {
    }

    /**
     * @inheritdoc
     */
    public function getIncrementId(): string
    {
        return $this->incrementId;
    }

    /**
     * @inheritdoc
     */
    public function getStatus(): string
    {
        return $this->status;
    }

    /**
     * @inheritdoc
     */
    public function getGrandTotal(): string
    {
        return $this->grandTotal;
    }
}
