<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Config\Source;

/**
 * Choices of the routing rules table's select columns; the values are the ones
 * Model/Config/Backend/RoutingRules accepts and stores.
 */
class RoutingColumnOptions
{
    /**
     * Whether the rule is tried.
     *
     * @return array
     */
    public function active(): array
    {
        return [['value' => '1', 'label' => __('Yes')], ['value' => '0', 'label' => __('No')]];
    }

    /**
     * The VIP condition.
     *
     * @return array
     */
    public function vip(): array
    {
        return $this->triState(__('VIP customers'), __('Customers who are not VIP'));
    }

    /**
     * The open order condition (the routing contract's names).
     *
     * @return array
     */
    public function order(): array
    {
        return [
            ['value' => '', 'label' => __('Any')],
            ['value' => 'any_open', 'label' => __('Any open order')],
            ['value' => 'not_shipped', 'label' => __('Order not shipped')],
            ['value' => 'payment_problem', 'label' => __('Payment problem')],
            ['value' => 'payment_review', 'label' => __('Payment review')],
            ['value' => 'holded', 'label' => __('Order on hold')],
        ];
    }

    /**
     * The open cart condition.
     *
     * @return array
     */
    public function openCart(): array
    {
        return $this->triState(__('Has an open cart'), __('Has no open cart'));
    }

    /**
     * The unknown number condition.
     *
     * @return array
     */
    public function unknownNumber(): array
    {
        return $this->triState(__('Unknown numbers only'), __('Known numbers only'));
    }

    /**
     * Any / yes / no.
     *
     * @param \Magento\Framework\Phrase $yes
     * @param \Magento\Framework\Phrase $no
     * @return array
     */
    private function triState($yes, $no): array
    {
        return [
            ['value' => '', 'label' => __('Any')],
            ['value' => '1', 'label' => $yes],
            ['value' => '0', 'label' => $no],
        ];
    }
}
