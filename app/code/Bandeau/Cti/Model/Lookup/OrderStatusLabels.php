<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Magento\Sales\Model\Order\Config as OrderConfig;

/**
 * Order statuses as the admin reads them: the label from Magento's order status configuration
 * (Stores > Order Status), translated into the admin user's locale, never the code ("processing").
 * The module's i18n carries French for Magento's default labels, in case no language pack does.
 */
class OrderStatusLabels
{
    /**
     * @var array<string, string> status code => translated label
     */
    private array $labels = [];

    /**
     * @param OrderConfig $orderConfig
     */
    public function __construct(private OrderConfig $orderConfig)
    {
    }

    /**
     * The label of a status code, translated; a status with no label reads as its words ("On Hold").
     *
     * @param string $code
     * @return string
     */
    public function label(string $code): string
    {
        if ($code === '') {
            return '';
        }
        if (!isset($this->labels[$code])) {
            $label = trim((string)$this->orderConfig->getStatusLabel($code));
            if ($label === '' || $label === $code) {
                $label = ucwords(str_replace('_', ' ', $code));
            }
            $this->labels[$code] = (string)__($label);
        }
        return $this->labels[$code];
    }
}
