<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Magento\Backend\Model\UrlInterface as BackendUrl;

/**
 * The screen pop's answer for one number, in the shape the page validates
 * (bridge/src/protocol/messages.ts LookupResponse; example in test/contract/admin.lookup.response.json).
 */
class PhoneBarLookup
{
    public const MAX_PHONE_LENGTH = 64;
    public const CUSTOMER_EDIT_ROUTE = 'customer/index/edit';
    public const CUSTOMER_NEW_ROUTE = 'customer/index/new';
    public const ORDER_CREATE_ROUTE = 'sales/order_create/start';
    public const ORDER_VIEW_ROUTE = 'sales/order/view';
    /** Request parameter of the new-customer form that carries the number to prefill. */
    public const PREFILL_PARAM = 'bandeau_phone';

    /**
     * @param CustomerCardQuery $query
     * @param PhoneNormaliser $normaliser
     * @param Config $config
     * @param MoneyFormatterInterface $money
     * @param BackendUrl $backendUrl
     * @param OrderStatusLabels $statusLabels
     */
    public function __construct(
        private CustomerCardQuery $query,
        private PhoneNormaliser $normaliser,
        private Config $config,
        private MoneyFormatterInterface $money,
        private BackendUrl $backendUrl,
        private OrderStatusLabels $statusLabels
    ) {
    }

    /**
     * The customer cards of a caller's number, and the URL that creates a customer with it.
     *
     * @param string $phone
     * @return array{phone: string, customers: array<int, array<string, mixed>>, newCustomerUrl: string}
     */
    public function lookup(string $phone): array
    {
        $phone = trim($phone);
        $e164 = $this->normaliser->toE164($phone, $this->config->getDefaultCountry());
        if ($e164 === null) {
            return [
                'phone' => $this->clip((string)preg_replace('/[\x00-\x1F\x7F]/u', '', $phone), self::MAX_PHONE_LENGTH),
                'customers' => [],
                'newCustomerUrl' => (string)$this->backendUrl->getUrl(self::CUSTOMER_NEW_ROUTE),
            ];
        }
        $rows = $this->query->customers($e164);
        $ids = array_map(static fn (array $row): int => (int)$row['entity_id'], $rows);
        $orders = $this->query->lastOrders($ids);
        $carts = $this->query->openCarts($ids);
        $calls = $this->query->lastCalls($ids);
        $customers = [];
        foreach ($rows as $row) {
            $id = (int)$row['entity_id'];
            $customers[] = $this->card($row, $orders[$id] ?? [], $carts[$id] ?? null, $calls[$id] ?? []);
        }
        return [
            'phone' => $e164,
            'customers' => $customers,
            'newCustomerUrl' => (string)$this->backendUrl->getUrl(
                self::CUSTOMER_NEW_ROUTE,
                ['_query' => [self::PREFILL_PARAM => $e164]]
            ),
        ];
    }

    /**
     * One customer card: name, e-mail, group, lifetime sales, last orders, open cart, last calls.
     *
     * @param array $row
     * @param array $orders
     * @param array|null $cart
     * @param array $calls
     * @return array
     */
    private function card(array $row, array $orders, ?array $cart, array $calls): array
    {
        $id = (int)$row['entity_id'];
        $lifetimeCurrency = $row['lifetime_currency'] === null ? null : (string)$row['lifetime_currency'];
        return [
            'customerId' => $id,
            'name' => $this->clip(trim($row['firstname'] . ' ' . $row['lastname']), 255),
            'email' => $this->clip((string)$row['email'], 255),
            'group' => $this->clip((string)$row['group_code'], 255),
            'lifetimeSales' => $this->money->format((float)$row['lifetime_sales'], $lifetimeCurrency),
            'url' => (string)$this->backendUrl->getUrl(self::CUSTOMER_EDIT_ROUTE, ['id' => $id]),
            'createOrderUrl' => (string)$this->backendUrl->getUrl(self::ORDER_CREATE_ROUTE, ['customer_id' => $id]),
            'lastOrders' => array_map(fn (array $order): array => $this->order($order), $orders),
            'openCart' => $cart === null ? null : [
                'items' => (int)$cart['items'],
                'total' => $this->money->format((float)$cart['grand_total'], $cart['quote_currency_code'] ?? null),
            ],
            'lastCalls' => $calls,
        ];
    }

    /**
     * One order of a card: number, date, status label (Magento's, in the admin's language), total.
     *
     * @param array $order
     * @return array
     */
    private function order(array $order): array
    {
        $created = \DateTimeImmutable::createFromFormat(
            'Y-m-d H:i:s',
            (string)$order['created_at'],
            new \DateTimeZone('UTC')
        );
        return [
            'incrementId' => $this->clip((string)$order['increment_id'], 64),
            'status' => $this->clip($this->statusLabels->label((string)$order['status']), 64),
            'grandTotal' => $this->money->format((float)$order['grand_total'], $order['order_currency_code'] ?? null),
            'createdAt' => $created === false ? '' : $created->format('Y-m-d\TH:i:s\Z'),
            'url' => (string)$this->backendUrl->getUrl(
                self::ORDER_VIEW_ROUTE,
                ['order_id' => (int)$order['entity_id']]
            ),
        ];
    }

    /**
     * The text cut to at most $max characters (the card's fields have fixed sizes).
     *
     * @param string $text
     * @param int $max
     * @return string
     */
    private function clip(string $text, int $max): string
    {
        return mb_substr($text, 0, $max);
    }
}
