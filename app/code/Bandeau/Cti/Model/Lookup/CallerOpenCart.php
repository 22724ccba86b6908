<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Bandeau\Cti\Api\Data\CallerOpenCartInterface;

class CallerOpenCart implements CallerOpenCartInterface
{
    /**
     * @param int $items
     * @param string $total
     */
    public function __construct(private int $items, private string $total)
    {
    }

    /**
     * @inheritdoc
     */
    public function getItems(): int
    {
        return $this->items;
    }

    /**
     * @inheritdoc
     */
    public function getTotal(): string
    {
        return $this->total;
    }
}
