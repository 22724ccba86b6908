<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Bandeau\Cti\Api\Data\CallerLastOrderInterface;
use Bandeau\Cti\Api\Data\CallerOpenCartInterface;

/**
 * What the REST caller lookup adds to a match with a customer (desk phones' caller page): the
 * newest order and the open cart, for all the matched customers in two queries whatever their
 * number (the lookup answers while the phone rings). Texts are plain, formatted as the admin
 * shows them; whoever displays them escapes them.
 */
class CallerCustomerDetails
{
    /** Sizes the bridge accepts (bridge/src/phones/callerPageLookup.ts), in characters. */
    private const MAX_INCREMENT_ID = 64;
    private const MAX_STATUS = 64;
    private const MAX_MONEY = 32;

    /**
     * @param CustomerCardQuery $query
     * @param OrderStatusLabels $statusLabels
     * @param MoneyFormatterInterface $money
     */
    public function __construct(
        private CustomerCardQuery $query,
        private OrderStatusLabels $statusLabels,
        private MoneyFormatterInterface $money
    ) {
    }

    /**
     * The newest order and open cart of each customer; a customer without either is left out.
     *
     * @param int[] $customerIds
     * @return array<int, array{lastOrder: CallerLastOrderInterface|null, openCart: CallerOpenCartInterface|null}>
     */
    public function forCustomers(array $customerIds): array
    {
        $customerIds = array_values(array_unique(array_map('intval', $customerIds)));
        if ($customerIds === []) {
            return [];
        }
        $details = [];
        foreach ($this->query->lastOrders($customerIds, 1) as $customerId => $orders) {
            $order = $orders[0];
            $details[$customerId]['lastOrder'] = new CallerLastOrder(
                mb_substr((string)$order['increment_id'], 0, self::MAX_INCREMENT_ID),
                mb_substr($this->statusLabels->label((string)$order['status']), 0, self::MAX_STATUS),
                $this->money((float)$order['grand_total'], $order['order_currency_code'] ?? null)
            );
        }
        foreach ($this->query->openCarts($customerIds) as $customerId => $cart) {
            $details[$customerId]['openCart'] = new CallerOpenCart(
                (int)$cart['items'],
                $this->money((float)$cart['grand_total'], $cart['quote_currency_code'] ?? null)
            );
        }
        return array_map(
            static fn (array $d): array => [
                'lastOrder' => $d['lastOrder'] ?? null,
                'openCart' => $d['openCart'] ?? null,
            ],
            $details
        );
    }

    /**
     * The amount formatted in its currency, cut to what the bridge takes.
     *
     * @param float $amount
     * @param mixed $currency
     * @return string
     */
    private function money(float $amount, mixed $currency): string
    {
        $formatted = $this->money->format($amount, $currency === null ? null : (string)$currency);
        return mb_substr($formatted, 0, self::MAX_MONEY);
    }
}
