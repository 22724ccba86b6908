<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Privacy;

use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Bandeau\Cti\Model\Config;
use Magento\Framework\App\ResourceConnection;

/**
 * Removes personal data from the call log: the outside party's number after the retention
 * period, and everything personal when the customer is deleted.
 */
class CallAnonymiser
{
    /**
     * The outside party's number: the caller on inbound calls, the callee on outbound ones, and
     * the number a call was transferred to when it is an outside one (not an extension).
     */
    private const NUMBERS_SQL = 'from_number = CASE WHEN direction = \'internal\' THEN from_number'
        . ' WHEN direction = \'outbound\' THEN from_number ELSE NULL END,'
        . ' to_number = CASE WHEN direction = \'outbound\' THEN NULL ELSE to_number END,'
        . ' transferred_to = CASE WHEN transferred_to REGEXP \'^[+]?[0-9]{7,}$\' THEN NULL ELSE transferred_to END';

    /**
     * @param ResourceConnection $resource
     * @param Config $config
     * @param ClockInterface $clock
     */
    public function __construct(
        private ResourceConnection $resource,
        private Config $config,
        private ClockInterface $clock
    ) {
    }

    /**
     * Anonymises calls that started before now - retention days (configuration; 0 = never).
     *
     * @param int|null $retentionDays
     * @return int calls anonymised
     */
    public function anonymiseExpired(?int $retentionDays = null): int
    {
        $days = $retentionDays ?? $this->config->getRetentionDays();
        if ($days <= 0) {
            return 0;
        }
        $now = $this->clock->now();
        $cutoff = gmdate('Y-m-d H:i:s', $now - $days * 86400);
        $statement = $this->resource->getConnection()->query(
            sprintf(
                'UPDATE %s SET %s, anonymised_at = ? WHERE anonymised_at IS NULL AND started_at < ?'
                . ' AND direction <> \'internal\'',
                $this->table(),
                self::NUMBERS_SQL
            ),
            [gmdate('Y-m-d H:i:s', $now), $cutoff]
        );
        return (int)$statement->rowCount();
    }

    /**
     * Before a customer is deleted: remove their numbers, notes and recordings from their calls.
     * (The foreign key then sets customer_id to null.)
     *
     * @param int $customerId
     * @return int calls anonymised
     */
    public function anonymiseCustomer(int $customerId): int
    {
        $statement = $this->resource->getConnection()->query(
            sprintf(
                'UPDATE %s SET %s, note = NULL, recording_url = NULL, anonymised_at = ? WHERE customer_id = ?',
                $this->table(),
                self::NUMBERS_SQL
            ),
            [gmdate('Y-m-d H:i:s', $this->clock->now()), $customerId]
        );
        return (int)$statement->rowCount();
    }

    /**
     * The quoted, prefixed name of bandeau_call.
     *
     * @return string
     */
    private function table(): string
    {
        return $this->resource->getConnection()->quoteIdentifier($this->resource->getTableName(CallMapper::TABLE));
    }
}
