<?php

declare(strict_types=1);

namespace Magento\Customer\Model\Customer;

/**
 * Stand-in for the customer form's data provider: returns the data it was given.
 */
class DataProviderWithDefaultAddresses
{
    public function __construct(private array $loadedData = [])
    {
    }

    public function getData(): array
    {
        return $this->loadedData;
    }
}
