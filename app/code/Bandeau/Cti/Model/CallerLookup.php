<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Bandeau\Cti\Api\CallerLookupInterface;
use Bandeau\Cti\Api\Data\CallerLookupResultInterface;
use Bandeau\Cti\Api\Data\CallerMatchInterface;
use Bandeau\Cti\Model\Lookup\CallerCustomerDetails;
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
     * @param CallerCustomerDetails $details
     */
    public function __construct(
        private ResourceConnection $resource,
        private PhoneNormaliser $normaliser,
        private Config $config,
        private CallerCustomerDetails $details
    ) {
    }

    /**
     * Customers and orders whose address number is the caller's, one match each; a match with a
     * customer carries the customer's group, newest order and open cart.
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
            . ' o.increment_id, o.customer_email, g.customer_group_code AS group_code,'
            . ' ROW_NUMBER() OVER (PARTITION BY i.source, i.customer_id, i.order_id'
            . '   ORDER BY (a.address_type = ?) DESC, i.index_id DESC) AS rn'
            . ' FROM %s i'
            . ' LEFT JOIN %s c ON c.entity_id = i.customer_id'
            . ' LEFT JOIN %s a ON i.source = ? AND a.entity_id = i.source_id'
            . ' LEFT JOIN %s o ON o.entity_id = i.order_id'
            . ' LEFT JOIN %s g ON g.customer_group_id = c.group_id'
            . ' WHERE i.phone_e164 = ? AND i.source IN (?, ?)'
            . ') t WHERE t.rn = 1'
            . ' ORDER BY (t.source = ?) DESC, t.order_id DESC, t.index_id DESC'
            . ' LIMIT %d',
            $this->table(PhoneIndexer::TABLE),
            $this->table('customer_entity'),
            $this->table('sales_order_address'),
            $this->table('sales_order'),
            $this->table('customer_group'),
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
        // Only customers that still exist (c_email set) get details; all of them in two queries.
        $details = $this->details->forCustomers(array_map(
            static fn (array $row): int => (int)$row['customer_id'],
            array_filter(
                $rows,
                static fn (array $row): bool => $row['customer_id'] !== null && $row['c_email'] !== null
            )
        ));
        $matches = [];
        foreach ($rows as $row) {
            $fromCustomer = $row['customer_id'] !== null && $row['c_email'] !== null;
            $customerDetails = $fromCustomer ? ($details[(int)$row['customer_id']] ?? []) : [];
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
                $row['increment_id'] === null ? null : (string)$row['increment_id'],
                $fromCustomer && $row['group_code'] !== null ? (string)$row['group_code'] : null,
                $customerDetails['lastOrder'] ?? null,
                $customerDetails['openCart'] ?? null
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
