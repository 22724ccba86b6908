<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing;

use Bandeau\Cti\Api\Data\RoutingCallerFactsInterface;
use Bandeau\Cti\Api\RoutingFactsInterface;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\Routing\Data\RoutingCallerFacts;
use Bandeau\Cti\Model\Routing\Data\RoutingCustomer;
use Bandeau\Cti\Model\Routing\Data\RoutingOrder;
use Bandeau\Cti\Model\Routing\Data\RoutingShipment;
use Magento\Framework\App\Config\ScopeConfigInterface;
use Magento\Store\Model\ScopeInterface;

/**
 * POST /V1/bandeau/routing/facts: what the shop knows about a number, in the contract's shape.
 * Orders whose increment id is not a plain order number are left out (the value may end up in a
 * channel variable; the bridge would refuse the whole body).
 */
class CallerFacts implements RoutingFactsInterface
{
    public const XML_PATH_LOCALE = 'general/locale/code';
    private const MAX_NAME_LENGTH = 255;

    /**
     * @param FactsQuery $query
     * @param PhoneNormaliser $normaliser
     * @param Config $config
     * @param ScopeConfigInterface $scopeConfig
     */
    public function __construct(
        private FactsQuery $query,
        private PhoneNormaliser $normaliser,
        private Config $config,
        private ScopeConfigInterface $scopeConfig
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getFacts(string $phone): RoutingCallerFactsInterface
    {
        $e164 = $this->normaliser->toE164($phone, $this->config->getDefaultCountry());
        if ($e164 === null) {
            return new RoutingCallerFacts(mb_substr(trim($phone), 0, 64), false, null, [], null);
        }
        return $this->forE164($e164);
    }

    /**
     * The facts of a number already in E.164.
     *
     * @param string $e164
     * @return RoutingCallerFacts
     */
    public function forE164(string $e164): RoutingCallerFacts
    {
        $owners = $this->query->owners($e164);
        $customer = $owners['customer_id'] === null ? null : $this->customer($owners['customer_id']);
        $customerId = $customer?->getId();
        $orders = [];
        foreach ($this->query->openOrders($customerId, $owners['guest_order_ids']) as $row) {
            if (!$this->matches(RuleNames::ORDER_INCREMENT_ID, $row['increment_id'])) {
                continue;
            }
            $orders[] = new RoutingOrder(
                (string)$row['increment_id'],
                mb_substr((string)$row['state'], 0, 32),
                mb_substr((string)$row['status'], 0, 32),
                $this->iso((string)$row['created_at']),
                (bool)$row['shipped'],
                (int)$row['store_id']
            );
        }
        $shipment = $this->query->lastShipment($customerId, $owners['guest_order_ids']);
        $lastShipment = null;
        if ($shipment !== null && $this->matches(RuleNames::ORDER_INCREMENT_ID, $shipment['increment_id'])) {
            $lastShipment = new RoutingShipment((string)$shipment['increment_id'], $this->iso($shipment['created_at']));
        }
        return new RoutingCallerFacts($e164, $owners['known'], $customer, $orders, $lastShipment);
    }

    /**
     * The customer as routing sees them, or null when the row is gone.
     *
     * @param int $customerId
     * @return RoutingCustomer|null
     */
    private function customer(int $customerId): ?RoutingCustomer
    {
        $row = $this->query->customer($customerId);
        if ($row === null) {
            return null;
        }
        $storeId = (int)$row['store_id'];
        $name = trim((string)$row['firstname'] . ' ' . (string)$row['lastname']);
        return new RoutingCustomer(
            (int)$row['entity_id'],
            mb_substr($name, 0, self::MAX_NAME_LENGTH),
            (int)$row['group_id'],
            $storeId,
            (string)$this->scopeConfig->getValue(self::XML_PATH_LOCALE, ScopeInterface::SCOPE_STORE, $storeId),
            round((float)$row['lifetime_sales'], 4),
            (bool)$row['open_cart']
        );
    }

    /**
     * A database time (UTC, as Magento stores them) in ISO 8601 with Z.
     *
     * @param string $utc
     * @return string
     */
    private function iso(string $utc): string
    {
        $time = \DateTimeImmutable::createFromFormat('Y-m-d H:i:s', $utc, new \DateTimeZone('UTC'));
        return $time === false ? '1970-01-01T00:00:00Z' : $time->format('Y-m-d\TH:i:s\Z');
    }

    /**
     * Whether a value is a string matching one of the RuleNames patterns.
     *
     * @param string $pattern
     * @param mixed $value
     * @return bool
     */
    private function matches(string $pattern, mixed $value): bool
    {
        return is_string($value) && preg_match($pattern, $value) === 1;
    }
}
