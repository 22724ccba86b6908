<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing;

use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Magento\Framework\App\ResourceConnection;

/**
 * The numbers whose routing facts a saved customer, address, order or shipment may change, read
 * from the phone index (which the save observers have already updated when the transaction
 * commits) and, for an edited address, its number before and after the edit.
 */
class AffectedNumbers
{
    /** More would not fit one notification; the bridge's TTL covers the rest. */
    public const MAX = 100;

    /**
     * @param ResourceConnection $resource
     * @param PhoneNormaliser $normaliser
     * @param Config $config
     */
    public function __construct(
        private ResourceConnection $resource,
        private PhoneNormaliser $normaliser,
        private Config $config
    ) {
    }

    /**
     * Every number of the customer (addresses, orders, linked numbers): their facts name the customer.
     *
     * @param int $customerId
     * @return string[] E.164
     */
    public function ofCustomer(int $customerId): array
    {
        return $this->select('i.customer_id = ?', [$customerId]);
    }

    /**
     * The order's numbers and its customer's (lifetime sales, open orders and last shipment are
     * facts of every number of the customer).
     *
     * @param int $orderId
     * @return string[] E.164
     */
    public function ofOrder(int $orderId): array
    {
        $connection = $this->resource->getConnection();
        $customerId = $connection->fetchOne(
            sprintf(
                'SELECT customer_id FROM %s WHERE entity_id = ?',
                $connection->quoteIdentifier($this->resource->getTableName('sales_order'))
            ),
            [$orderId]
        );
        if ($customerId === false || $customerId === null) {
            return $this->select('i.order_id = ?', [$orderId]);
        }
        return $this->select('(i.order_id = ? OR i.customer_id = ?)', [$orderId, (int)$customerId]);
    }

    /**
     * Numbers as written in an address (before and after an edit), in E.164 when they read as one.
     *
     * @param array<int, string|null> $telephones
     * @param string|null $countryId the address's country, for national numbers
     * @return string[] E.164
     */
    public function written(array $telephones, ?string $countryId): array
    {
        $region = $this->normaliser->regionFor($countryId, $this->config->getDefaultCountry());
        $numbers = [];
        foreach ($telephones as $telephone) {
            $e164 = is_string($telephone) ? $this->normaliser->toE164($telephone, $region) : null;
            if ($e164 !== null) {
                $numbers[] = $e164;
            }
        }
        return array_values(array_unique($numbers));
    }

    /**
     * Distinct indexed numbers matching a condition on the index (alias i), at most MAX.
     *
     * @param string $condition
     * @param array $bind
     * @return string[]
     */
    private function select(string $condition, array $bind): array
    {
        $connection = $this->resource->getConnection();
        $numbers = $connection->fetchCol(
            sprintf(
                'SELECT DISTINCT i.phone_e164 FROM %s i WHERE %s ORDER BY i.phone_e164 LIMIT %d',
                $connection->quoteIdentifier($this->resource->getTableName(PhoneIndexer::TABLE)),
                $condition,
                self::MAX
            ),
            $bind
        );
        return array_values(array_map('strval', $numbers));
    }
}
