<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Bandeau\Cti\Api\CallerLookupInterface;
use Bandeau\Cti\Api\Data\CallerLookupResultInterface;
use Bandeau\Cti\Api\Data\CallerMatchInterface;
use Bandeau\Cti\Model\Lookup\CallerLookupResult;
use Bandeau\Cti\Model\Lookup\CallerMatch;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Magento\Framework\App\ResourceConnection;

class CallerLookup implements CallerLookupInterface
{
    private const BILLING = 'billing';

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
     * Customers and orders whose address number is the caller's, one match each.
     *
     * @param string $phone
     * @return CallerLookupResultInterface
     */
    public function lookup(string $phone): CallerLookupResultInterface
    {
        $e164 = $this->normaliser->toE164($phone, $this->config->getDefaultCountry());
        if ($e164 === null) {
            return new CallerLookupResult(mb_substr(trim($phone), 0, 64), []);
        }
        $connection = $this->resource->getConnection();
        // One match per customer (customer addresses) and per order (order addresses): an order
        // whose billing and shipping addresses carry the same number has two index rows but is one
        // match, named after its billing address.
        $sql = sprintf(
            'SELECT t.* FROM ('
            . ' SELECT i.index_id, i.source, i.customer_id, i.order_id, i.telephone,'
            . ' c.firstname AS c_firstname, c.lastname AS c_lastname, c.email AS c_email,'
            . ' a.firstname AS a_firstname, a.lastname AS a_lastname, a.email AS a_email,'
            . ' o.increment_id, o.customer_email,'
            . ' ROW_NUMBER() OVER (PARTITION BY i.source, i.customer_id, i.order_id'
            . '   ORDER BY (a.address_type = ?) DESC, i.index_id DESC) AS rn'
            . ' FROM %s i'
            . ' LEFT JOIN %s c ON c.entity_id = i.customer_id'
            . ' LEFT JOIN %s a ON i.source = ? AND a.entity_id = i.source_id'
            . ' LEFT JOIN %s o ON o.entity_id = i.order_id'
            . ' WHERE i.phone_e164 = ? AND i.source IN (?, ?)'
            . ') t WHERE t.rn = 1'
            . ' ORDER BY (t.source = ?) DESC, t.order_id DESC, t.index_id DESC'
            . ' LIMIT %d',
            $this->table(PhoneIndexer::TABLE),
            $this->table('customer_entity'),
            $this->table('sales_order_address'),
            $this->table('sales_order'),
            self::MAX_MATCHES
        );
        $rows = $connection->fetchAll($sql, [
            self::BILLING,
            CallerMatchInterface::SOURCE_ORDER_ADDRESS,
            $e164,
            // quote addresses (numbers typed at checkout) feed the phone bar's cards, not this contract
            CallerMatchInterface::SOURCE_CUSTOMER_ADDRESS,
            CallerMatchInterface::SOURCE_ORDER_ADDRESS,
            CallerMatchInterface::SOURCE_CUSTOMER_ADDRESS,
        ]);
        $matches = [];
        foreach ($rows as $row) {
            $fromCustomer = $row['customer_id'] !== null && $row['c_email'] !== null;
            $first = $fromCustomer ? $row['c_firstname'] : $row['a_firstname'];
            $last = $fromCustomer ? $row['c_lastname'] : $row['a_lastname'];
            $email = $fromCustomer ? $row['c_email'] : ($row['a_email'] ?? $row['customer_email']);
            $matches[] = new CallerMatch(
                $row['customer_id'] === null ? null : (int)$row['customer_id'],
                trim((string)$first . ' ' . (string)$last),
                $email === null ? null : (string)$email,
                $row['telephone'] === null ? null : (string)$row['telephone'],
                (string)$row['source'],
                $row['order_id'] === null ? null : (int)$row['order_id'],
                $row['increment_id'] === null ? null : (string)$row['increment_id']
            );
        }
        return new CallerLookupResult($e164, $matches);
    }

    /**
     * The quoted, prefixed name of a table.
     *
     * @param string $name
     * @return string
     */
    private function table(string $name): string
    {
        return $this->resource->getConnection()->quoteIdentifier($this->resource->getTableName($name));
    }
}
