<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Bandeau\Cti\Api\Data\CallerLookupResultInterface;
use Bandeau\Cti\Api\Data\CallerMatchInterface;

class CallerLookupResult implements CallerLookupResultInterface
{
    /**
     * @param CallerMatchInterface[] $matches
     */
    public function __construct(private string $phone, private array $matches = [])
    {
    }

    public function getPhone(): string
    {
        return $this->phone;
    }

    public function getMatches(): array
    {
        return $this->matches;
    }
}
