<?php

declare(strict_types=1);

namespace Magento\Sales\Model\Order;

/**
 * Stand-in for the order configuration: in the admin area getStatusLabel() answers the status's
 * admin label from sales_order_status (here: the labels given), null for an unknown status.
 */
class Config
{
    /**
     * @param array<string, string> $labels status code => admin label
     */
    public function __construct(private array $labels = [])
    {
    }

    public function getStatusLabel($code)
    {
        return $this->labels[$code] ?? null;
    }
}
