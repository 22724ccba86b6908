<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Privacy;

use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Bandeau\Cti\Model\Config;
use Magento\Framework\App\ResourceConnection;

/**
 * Removes personal data from the call log, one SQL statement per set of calls (no loop over rows):
 * - retention (nightly): calls older than the configured days are anonymised, or pseudonymised
 *   (the outside number becomes a keyed hash in party_key, the rest as anonymised);
 * - erasure (customer deleted): every call of the data subject (DataSubjectCalls) loses all that
 *   is personal, wrap-up included.
 * What stays: times, durations, direction, disposition, queue figures, agent, campaign; retention
 * also keeps the outcome and tags (chosen from the configured lists, statistics once nothing
 * points to the person).
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

    /** The free text, the recording and the links to the customer and their order. */
    private const PERSONAL_SQL = 'note = NULL, recording_url = NULL, customer_id = NULL, order_id = NULL,'
        . ' follow_up_at = NULL';

    /** Erasure also removes what the agent chose about the person. */
    private const WRAP_UP_SQL = 'outcome = NULL, tags = NULL';

    /**
     * @param ResourceConnection $resource
     * @param Config $config
     * @param ClockInterface $clock
     * @param DataSubjectCalls $dataSubject
     * @param RetentionMode $retentionMode
     * @param Pseudonym $pseudonym
     */
    public function __construct(
        private ResourceConnection $resource,
        private Config $config,
        private ClockInterface $clock,
        private DataSubjectCalls $dataSubject,
        private RetentionMode $retentionMode,
        private Pseudonym $pseudonym
    ) {
    }

    /**
     * Anonymises (or pseudonymises, per configuration) calls that started before now - retention
     * days (configuration; 0 = never). Pseudonymisation without a key anonymises; anonymisation
     * also removes the pseudonyms an earlier pseudonymising run left.
     *
     * @param int|null $retentionDays
     * @param string|null $mode RetentionMode::ANONYMISE or PSEUDONYMISE; the configured one when null
     * @return int calls changed
     */
    public function anonymiseExpired(?int $retentionDays = null, ?string $mode = null): int
    {
        $days = $retentionDays ?? $this->config->getRetentionDays();
        if ($days <= 0) {
            return 0;
        }
        $mode ??= $this->retentionMode->getMode();
        $party = 'party_key = NULL';
        $bind = [];
        $dropped = 0;
        if ($mode === RetentionMode::PSEUDONYMISE && $this->pseudonym->isAvailable()) {
            [$hash, $bind] = $this->pseudonym->sql('party_key');
            $party = 'party_key = ' . $hash;
        } else {
            // Back from pseudonymisation: the pseudonyms kept so far go too.
            $dropped = (int)$this->resource->getConnection()->query(
                sprintf('UPDATE %s SET party_key = NULL WHERE party_key LIKE ?', $this->table()),
                [Pseudonym::PREFIX . '%']
            )->rowCount();
        }
        $now = $this->clock->now();
        $statement = $this->resource->getConnection()->query(
            sprintf(
                'UPDATE %s SET %s, %s, %s, anonymised_at = ? WHERE anonymised_at IS NULL AND started_at < ?',
                $this->table(),
                self::NUMBERS_SQL,
                self::PERSONAL_SQL,
                $party
            ),
            array_merge($bind, [gmdate('Y-m-d H:i:s', $now), gmdate('Y-m-d H:i:s', $now - $days * 86400)])
        );
        return $dropped + (int)$statement->rowCount();
    }

    /**
     * Before a customer is deleted: remove everything personal from every call of theirs (linked,
     * or from one of their indexed numbers and linked to nobody), pseudonymised ones included.
     *
     * @param int $customerId
     * @return int calls anonymised
     */
    public function anonymiseCustomer(int $customerId): int
    {
        $now = gmdate('Y-m-d H:i:s', $this->clock->now());
        $count = 0;
        foreach ($this->dataSubject->parts($customerId) as $part) {
            $statement = $this->resource->getConnection()->query(
                sprintf(
                    'UPDATE %s SET %s, %s, %s, c.party_key = NULL, c.anonymised_at = ? WHERE %s',
                    $part['from'],
                    self::NUMBERS_SQL,
                    self::PERSONAL_SQL,
                    self::WRAP_UP_SQL,
                    $part['where']
                ),
                [...$part['fromBind'], $now, ...$part['whereBind']]
            );
            $count += (int)$statement->rowCount();
        }
        return $count;
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
