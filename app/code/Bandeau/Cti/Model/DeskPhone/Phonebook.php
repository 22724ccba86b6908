<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\DeskPhone;

use Bandeau\Cti\Api\Data\PhonebookPageInterface;
use Bandeau\Cti\Api\PhonebookInterface;
use Bandeau\Cti\Model\DeskPhone\Data\PhonebookEntry;
use Bandeau\Cti\Model\DeskPhone\Data\PhonebookPage;
use Bandeau\Cti\Model\DeskPhone\Data\PhonebookPhone;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Exception\InputException;

/**
 * GET /V1/bandeau/phonebook: the customers of the phone index, keyset-paged by customer id.
 *
 * One query a page: the page's customer ids come from the index's customer_id key (a range scan
 * that stops after limit + 1 ids, however many customers there are), joined to their names, groups
 * and numbers.
 */
class Phonebook implements PhonebookInterface
{
    /** Numbers of a customer in the order the phone book lists them: the customer's own first. */
    private const SOURCE_ORDER = [
        PhoneIndexer::SOURCE_CUSTOMER_ADDRESS,
        PhoneIndexer::SOURCE_CUSTOMER_FORM,
        PhoneIndexer::SOURCE_ORDER_ADDRESS,
        PhoneIndexer::SOURCE_QUOTE_ADDRESS,
    ];
    /** Numbers a phone book entry holds at most. */
    public const MAX_PHONES = 10;

    /**
     * @param ResourceConnection $resource
     * @param StaffDirectory $staffDirectory
     */
    public function __construct(
        private ResourceConnection $resource,
        private StaffDirectory $staffDirectory
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getPage(int $afterId = 0, int $limit = 1000): PhonebookPageInterface
    {
        if ($afterId < 0) {
            throw new InputException(__('afterId must be 0 or a customer id.'));
        }
        if ($limit < 1 || $limit > self::MAX_LIMIT) {
            throw new InputException(__('limit must be between 1 and %1.', self::MAX_LIMIT));
        }
        $customers = $this->customers($afterId, $limit + 1);
        $nextAfterId = null;
        if (count($customers) > $limit) {
            $customers = array_slice($customers, 0, $limit, true);
            $nextAfterId = (int)array_key_last($customers);
        }
        $entries = [];
        foreach ($customers as $id => $customer) {
            $entries[] = new PhonebookEntry($id, $customer['name'], $customer['group'], $customer['phones']);
        }
        $staff = $afterId === 0 ? $this->staffDirectory->phonebookStaff() : [];
        return new PhonebookPage($entries, $staff, $nextAfterId);
    }

    /**
     * Up to $count customers with an indexed number after $afterId, by id, with their numbers.
     *
     * @param int $afterId
     * @param int $count
     * @return array<int, array{name: string, group: string, phones: PhonebookPhone[]}> by customer id, ascending
     */
    private function customers(int $afterId, int $count): array
    {
        $connection = $this->resource->getConnection();
        $index = $connection->quoteIdentifier($this->resource->getTableName(PhoneIndexer::TABLE));
        $sourceOrder = implode(', ', array_fill(0, count(self::SOURCE_ORDER), '?'));
        $sql = sprintf(
            'SELECT ids.customer_id, c.firstname, c.lastname, c.email, g.customer_group_code,'
            . ' i.phone_e164, i.source'
            . ' FROM (SELECT DISTINCT customer_id FROM %1$s WHERE customer_id > ? ORDER BY customer_id LIMIT %2$d) ids'
            . ' INNER JOIN %3$s c ON c.entity_id = ids.customer_id'
            . ' LEFT JOIN %4$s g ON g.customer_group_id = c.group_id'
            . ' INNER JOIN %1$s i ON i.customer_id = ids.customer_id'
            . ' ORDER BY ids.customer_id, FIELD(i.source, %5$s), i.index_id',
            $index,
            $count,
            $connection->quoteIdentifier($this->resource->getTableName('customer_entity')),
            $connection->quoteIdentifier($this->resource->getTableName('customer_group')),
            $sourceOrder
        );
        $customers = [];
        foreach ($connection->fetchAll($sql, array_merge([$afterId], self::SOURCE_ORDER)) as $row) {
            $id = (int)$row['customer_id'];
            if (!isset($customers[$id])) {
                $customers[$id] = [
                    'name' => $this->name($row),
                    'group' => (string)$row['customer_group_code'],
                    'phones' => [],
                    'numbers' => [],
                ];
            }
            $e164 = (string)$row['phone_e164'];
            if (!isset($customers[$id]['numbers'][$e164]) && count($customers[$id]['phones']) < self::MAX_PHONES) {
                $customers[$id]['numbers'][$e164] = true;
                $customers[$id]['phones'][] = new PhonebookPhone($e164, (string)$row['source']);
            }
        }
        foreach ($customers as $id => $customer) {
            unset($customers[$id]['numbers']);
        }
        return $customers;
    }

    /**
     * First and last name, single-spaced; the e-mail address when both are empty.
     *
     * @param array<string, mixed> $row
     * @return string
     */
    private function name(array $row): string
    {
        $name = trim((string)preg_replace('/\s+/u', ' ', $row['firstname'] . ' ' . $row['lastname']));
        return $name !== '' ? $name : trim((string)$row['email']);
    }
}
