<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Bandeau\Cti\Api\Data\CallerLookupResultInterface;
use Bandeau\Cti\Api\Data\CallerMatchInterface;

class CallerLookupResult implements CallerLookupResultInterface
{
    /**
     * @param string $phone
     * @param CallerMatchInterface[] $matches
     */
    public function __construct(private string $phone, private array $matches = [])
    {
    }

    /**
     * The looked-up number, as E.164 when it could be read.
     *
     * @return string
     */
    public function getPhone(): string
    {
        return $this->phone;
    }

    /**
     * The customers and orders found.
     *
     * @return array
     */
    public function getMatches(): array
    {
        return $this->matches;
    }
}
