<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * The counters of an agent's working day on the phone bar's campaign panel: contacts left in
 * their active campaigns (and how many of them are due now), the calls they recorded an outcome
 * for since the start of their day, those outcomes counted, and their skips and snoozes.
 *
 * "Their day" starts at the midnight of the agent's browser (`dayStart`, sent by the panel), as
 * long as it lies in the last 36 hours; otherwise 24 hours ago.
 */
class AgentDay
{
    private const MAX_DAY_SECONDS = 36 * 3600;

    /**
     * @param Tables $tables
     * @param CampaignRepository $repository
     * @param UtcTime $utcTime
     */
    public function __construct(
        private Tables $tables,
        private CampaignRepository $repository,
        private UtcTime $utcTime
    ) {
    }

    /**
     * When the agent's day began (Unix time).
     *
     * @param string|null $dayStart ISO-8601 date-time with offset from the browser
     * @param int $now
     * @return int
     */
    public function since(?string $dayStart, int $now): int
    {
        $value = trim((string)$dayStart);
        if (preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i', $value)) {
            try {
                $time = (new \DateTimeImmutable($value))->getTimestamp();
                if ($time <= $now && $time >= $now - self::MAX_DAY_SECONDS) {
                    return $time;
                }
            } catch (\Exception $e) {
                // unreadable: the last 24 hours
                return $now - 86400;
            }
        }
        return $now - 86400;
    }

    /**
     * The agent's counters.
     *
     * @param int $agentId
     * @param int $now
     * @param int $since
     * @return array{contactsLeft: int, dueNow: int, calls: int,
     *     results: array<int, array{outcome: string, count: int}>, skipped: int, snoozed: int, since: string}
     */
    public function summary(int $agentId, int $now, int $since): array
    {
        $connection = $this->tables->connection();
        $campaigns = $this->repository->activeForAgent($agentId);
        $campaignIds = array_map(static fn (Campaign $c): int => (int)$c->id, $campaigns);
        $left = ['total' => 0, 'due' => 0];
        if ($campaignIds !== []) {
            $nowDb = $this->utcTime->db($now);
            $row = $connection->fetchRow(
                sprintf(
                    'SELECT COUNT(*) AS total,'
                    . ' COALESCE(SUM(CASE WHEN (claimed_by IS NULL OR claimed_by = ? OR claim_expires_at <= ?)'
                    . '   AND (next_attempt_at IS NULL OR next_attempt_at <= ?) THEN 1 ELSE 0 END), 0) AS due'
                    . ' FROM %s WHERE campaign_id IN (%s) AND status <> ?',
                    $this->tables->name(Tables::CONTACT),
                    $this->tables->placeholders($campaignIds)
                ),
                array_merge([$agentId, $nowDb, $nowDb], $campaignIds, [ContactStatus::DONE])
            );
            $left = ['total' => (int)$row['total'], 'due' => (int)$row['due']];
        }
        $rows = $connection->fetchAll(
            sprintf(
                'SELECT type, outcome, COUNT(*) AS n FROM %s WHERE agent_id = ? AND created_at >= ? AND created_at <= ?'
                . ' GROUP BY type, outcome',
                $this->tables->name(Tables::EVENT)
            ),
            [$agentId, $this->utcTime->db($since), $this->utcTime->db($now)]
        );
        $byOutcome = [];
        $counts = [ContactEvents::TYPE_OUTCOME => 0, ContactEvents::TYPE_SKIP => 0, ContactEvents::TYPE_SNOOZE => 0];
        foreach ($rows as $row) {
            $counts[$row['type']] = ($counts[$row['type']] ?? 0) + (int)$row['n'];
            if ($row['type'] === ContactEvents::TYPE_OUTCOME && $row['outcome'] !== null) {
                $byOutcome[(string)$row['outcome']] = (int)$row['n'];
            }
        }
        // In the order the panel offers the outcomes; a list, so that none is still a JSON array.
        $results = [];
        foreach (array_unique(array_merge(ContactStatus::OUTCOMES, array_keys($byOutcome))) as $outcome) {
            if (isset($byOutcome[$outcome])) {
                $results[] = ['outcome' => $outcome, 'count' => $byOutcome[$outcome]];
            }
        }
        return [
            'contactsLeft' => $left['total'],
            'dueNow' => $left['due'],
            'calls' => $counts[ContactEvents::TYPE_OUTCOME],
            'results' => $results,
            'skipped' => $counts[ContactEvents::TYPE_SKIP],
            'snoozed' => $counts[ContactEvents::TYPE_SNOOZE],
            'since' => (string)$this->utcTime->iso($this->utcTime->db($since)),
        ];
    }
}
