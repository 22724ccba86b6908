<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Lookup;

use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Magento\Backend\Model\UrlInterface as BackendUrl;

/**
 * The phone bar's directory search: what an agent types in the dial box that is not a number to
 * dial (a name, an e-mail, an order number) finds the people to call, with their numbers. The
 * answer has the shape the page validates (bridge/src/protocol/messages.ts DirectoryResponse;
 * example in test/contract/admin.directory.response.json).
 */
class DirectorySearch
{
    public const MAX_QUERY_LENGTH = 128;
    public const MIN_QUERY_LENGTH = 2;
    public const MAX_RESULTS = 10;
    /** Magento numbers orders with nine digits ("000000102"): "102" finds it. */
    public const ORDER_NUMBER_WIDTH = 9;

    /**
     * @param DirectoryQuery $query
     * @param PhoneNormaliser $normaliser
     * @param Config $config
     * @param BackendUrl $backendUrl
     */
    public function __construct(
        private DirectoryQuery $query,
        private PhoneNormaliser $normaliser,
        private Config $config,
        private BackendUrl $backendUrl
    ) {
    }

    /**
     * The people found for what the agent typed, orders first, each with the numbers to call.
     *
     * @param string $text a name ("durand", "camille dur"), an e-mail, an order number or a phone number
     * @return array{query: string, results: array<int, array<string, mixed>>}
     */
    public function search(string $text): array
    {
        $q = mb_substr(trim((string)preg_replace('/[\x00-\x1F\x7F]+/u', ' ', $text)), 0, self::MAX_QUERY_LENGTH);
        if (mb_strlen($q) < self::MIN_QUERY_LENGTH) {
            return ['query' => $q, 'results' => []];
        }
        $region = $this->config->getDefaultCountry();
        $results = [];
        $customers = [];
        if (str_contains($q, '@')) {
            $customers = $this->query->customersByEmail($q);
        } elseif (preg_match('/^#?[\s0-9+().\/-]+$/', $q) === 1) {
            foreach ($this->query->ordersByNumber($this->orderNumbers($q)) as $order) {
                $results[] = $order;
            }
            $e164 = $this->normaliser->toE164($q, $region);
            $customers = $e164 === null ? [] : $this->query->customersByPhone($e164);
        } else {
            $customers = $this->query->customersByName(preg_split('/\s+/u', $q) ?: []);
        }
        return ['query' => $q, 'results' => $this->present($results, $customers, $region)];
    }

    /**
     * The order numbers a typed number may mean: as typed (without "#") and zero-padded.
     *
     * @param string $q
     * @return string[]
     */
    private function orderNumbers(string $q): array
    {
        $typed = ltrim($q, "# \t");
        if (preg_match('/^[0-9]{1,32}$/', $typed) !== 1) {
            return [];
        }
        return [$typed, str_pad($typed, self::ORDER_NUMBER_WIDTH, '0', STR_PAD_LEFT)];
    }

    /**
     * Orders then customers (a customer already listed for an order is not listed again), with numbers.
     *
     * @param array $orders rows of DirectoryQuery::ordersByNumber
     * @param array $customers rows of DirectoryQuery::customersBy*
     * @param string $region
     * @return array<int, array<string, mixed>>
     */
    private function present(array $orders, array $customers, string $region): array
    {
        $customerIds = array_merge(
            array_map(static fn (array $c): int => (int)$c['entity_id'], $customers),
            array_filter(array_map(static fn (array $o): int => (int)$o['customer_id'], $orders))
        );
        $customerPhones = $this->query->customerPhones($customerIds);
        $orderPhones = $this->query->orderPhones(array_map(static fn (array $o): int => (int)$o['entity_id'], $orders));
        $out = [];
        $listed = [];
        foreach ($orders as $order) {
            $customerId = (int)$order['customer_id'];
            $orderId = (int)$order['entity_id'];
            $phones = [...($orderPhones[$orderId] ?? []), ...($customerPhones[$customerId] ?? [])];
            $out[] = $this->result(
                $customerId > 0 ? $customerId : null,
                (string)$order['name'],
                (string)$order['email'],
                $phones,
                $region,
                (string)$this->backendUrl->getUrl(PhoneBarLookup::ORDER_VIEW_ROUTE, ['order_id' => $orderId]),
                (string)$order['increment_id']
            );
            $listed[$customerId] = true;
        }
        foreach ($customers as $customer) {
            $id = (int)$customer['entity_id'];
            if (isset($listed[$id])) {
                continue;
            }
            $out[] = $this->result(
                $id,
                trim($customer['firstname'] . ' ' . $customer['lastname']),
                (string)$customer['email'],
                $customerPhones[$id] ?? [],
                $region,
                (string)$this->backendUrl->getUrl(PhoneBarLookup::CUSTOMER_EDIT_ROUTE, ['id' => $id])
            );
        }
        return array_slice($out, 0, self::MAX_RESULTS);
    }

    /**
     * One person found: name, e-mail, the order matched, where to open them, numbers to call.
     *
     * @param int|null $customerId
     * @param string $name
     * @param string $email
     * @param string[] $phones E.164
     * @param string $region
     * @param string $url
     * @param string|null $orderNumber
     * @return array<string, mixed>
     */
    private function result(
        ?int $customerId,
        string $name,
        string $email,
        array $phones,
        string $region,
        string $url,
        ?string $orderNumber = null
    ): array {
        if ($name === '') {
            $name = $email !== '' ? $email : (string)__('Order #%1', (string)$orderNumber);
        }
        $result = ['customerId' => $customerId, 'name' => mb_substr($name, 0, 255)];
        if ($email !== '') {
            $result['email'] = mb_substr($email, 0, 255);
        }
        if ($orderNumber !== null) {
            $result['orderIncrementId'] = mb_substr($orderNumber, 0, 64);
        }
        $result['url'] = $url;
        $result['phones'] = array_map(
            fn (string $e164): array => ['number' => $e164, 'display' => $this->normaliser->toDisplay($e164, $region)],
            array_slice(array_values(array_unique($phones)), 0, DirectoryQuery::MAX_PHONES)
        );
        return $result;
    }
}
