<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Model\Campaign\CampaignRepository;
use Bandeau\Cti\Model\Campaign\CampaignResults;
use Bandeau\Cti\Model\Campaign\ContactEvents;
use Bandeau\Cti\Model\Campaign\ContactStatus;
use Bandeau\Cti\Model\Campaign\Tables;
use Bandeau\Cti\Model\Campaign\UtcTime;

/**
 * One agent's day on the phone bar ("My day"), from the raw call log of today only (an index range
 * on started_at), in the reporting time zone (ReportingZone):
 * - the agent's calls: those on their user id (or their extension when no user id is recorded),
 *   those transferred to their extension, and inbound calls missed or abandoned before anyone took
 *   them (no agent on the record) unless they rang another agent's extension; answered, missed
 *   (missed + abandoned) and talk time (the calls they answered);
 * - the missed calls to call back: the same missed calls with a number, whose party has made or
 *   received no later call (the latest missed call of a party stands for the others, counted);
 * - their campaign results: per active campaign they are assigned to, the contacts they called and
 *   reached today and overall, the outcomes they recorded, and conversions (CampaignResults, on the
 *   contacts they worked).
 * Another agent's calls never appear.
 */
class AgentDaySummary
{
    /** Most missed calls listed to call back (the oldest are left out beyond it). */
    public const CALL_BACK_LIMIT = 50;
    private const MISSED = ['missed', 'abandoned'];

    /**
     * @param Tables $tables
     * @param ReportingZone $zone
     * @param CampaignRepository $campaigns
     * @param CampaignResults $campaignResults
     * @param UtcTime $utcTime
     */
    public function __construct(
        private Tables $tables,
        private ReportingZone $zone,
        private CampaignRepository $campaigns,
        private CampaignResults $campaignResults,
        private UtcTime $utcTime
    ) {
    }

    /**
     * The agent's day holding $now.
     *
     * @param int $userId the logged-in admin user
     * @param string|null $extension their extension (bandeau_extension), if any
     * @param int $now
     * @return array{day: array{date: string, timeZone: string, from: string, to: string},
     *     calls: array{total: int, answered: int, missed: int, talkS: int},
     *     callBack: array<int, array{callId: string, number: string, name: string|null, customerId: int|null,
     *         at: string, disposition: string, times: int}>,
     *     campaigns: array<int, array{id: int, name: string, calledToday: int, called: int, reachedToday: int,
     *         reached: int, outcomesToday: array<int, array{outcome: string, count: int}>,
     *         outcomes: array<int, array{outcome: string, count: int}>, conversions: int}>}
     */
    public function summary(int $userId, ?string $extension, int $now): array
    {
        $day = $this->zone->day($now);
        $from = $this->utcTime->db($day['from']);
        $to = $this->utcTime->db($day['to']);
        return [
            'day' => [
                'date' => $day['date'],
                'timeZone' => $day['zone'],
                'from' => (string)$this->utcTime->iso($from),
                'to' => (string)$this->utcTime->iso($to),
            ],
            'calls' => $this->calls($userId, $extension, $from, $to),
            'callBack' => $this->callBack($userId, $extension, $from, $to),
            'campaigns' => $this->campaignResults($userId, $from, $to),
        ];
    }

    /**
     * SQL conditions on the call `c`: the agent's own call, and a missed call that may be theirs.
     *
     * @param int $userId
     * @param string|null $extension
     * @return array{own: string, ownBind: array, talked: string, talkedBind: array, missed: string, missedBind: array}
     */
    private function conditions(int $userId, ?string $extension): array
    {
        $extension = trim((string)$extension);
        $talked = 'c.agent_user_id = ?';
        $talkedBind = [$userId];
        if ($extension !== '') {
            $talked = '(c.agent_user_id = ? OR (c.agent_user_id IS NULL AND c.agent_extension = ?))';
            $talkedBind[] = $extension;
        }
        $own = $talked;
        $ownBind = $talkedBind;
        if ($extension !== '') {
            $own = sprintf('(%s OR c.transferred_to = ?)', $talked);
            $ownBind[] = $extension;
        }
        // Nobody took it: the call rang a queue or a group, or this agent. Not a call that rang
        // another agent's own extension.
        $missed = sprintf(
            "(c.direction = 'inbound' AND c.disposition IN ('missed', 'abandoned')"
            . " AND c.agent_user_id IS NULL AND COALESCE(c.agent_extension, '') = ''"
            . ' AND NOT EXISTS (SELECT 1 FROM %s u WHERE u.%s = c.to_number AND u.user_id <> ?))',
            $this->tables->name('admin_user'),
            'bandeau_extension'
        );
        return [
            'own' => $own,
            'ownBind' => $ownBind,
            'talked' => $talked,
            'talkedBind' => $talkedBind,
            'missed' => $missed,
            'missedBind' => [$userId],
        ];
    }

    /**
     * Today's calls counted.
     *
     * @param int $userId
     * @param string|null $extension
     * @param string $from
     * @param string $to
     * @return array{total: int, answered: int, missed: int, talkS: int}
     */
    private function calls(int $userId, ?string $extension, string $from, string $to): array
    {
        $w = $this->conditions($userId, $extension);
        $row = $this->tables->connection()->fetchRow(
            sprintf(
                'SELECT COUNT(*) AS total, COALESCE(SUM(c.disposition = ?), 0) AS answered,'
                . " COALESCE(SUM(c.direction = 'inbound' AND c.disposition IN ('missed', 'abandoned')), 0) AS missed,"
                . ' COALESCE(SUM(CASE WHEN %s THEN c.talk_s ELSE 0 END), 0) AS talk'
                . ' FROM %s c WHERE c.started_at >= ? AND c.started_at < ? AND (%s OR %s)',
                $w['talked'],
                $this->tables->name(CallMapper::TABLE),
                $w['own'],
                $w['missed']
            ),
            array_merge(['answered'], $w['talkedBind'], [$from, $to], $w['ownBind'], $w['missedBind'])
        );
        return [
            'total' => (int)$row['total'],
            'answered' => (int)$row['answered'],
            'missed' => (int)$row['missed'],
            'talkS' => (int)$row['talk'],
        ];
    }

    /**
     * Today's missed calls not called back yet, newest first.
     *
     * @param int $userId
     * @param string|null $extension
     * @param string $from
     * @param string $to
     * @return array<int, array{callId: string, number: string, name: string|null, customerId: int|null,
     *     at: string, disposition: string, times: int}>
     */
    private function callBack(int $userId, ?string $extension, string $from, string $to): array
    {
        $w = $this->conditions($userId, $extension);
        $calls = $this->tables->name(CallMapper::TABLE);
        $missedToday = sprintf(
            'c.started_at >= ? AND c.started_at < ? AND c.direction = \'inbound\''
            . ' AND c.disposition IN (%s) AND (%s OR %s)',
            $this->tables->placeholders(self::MISSED),
            $w['own'],
            $w['missed']
        );
        $missedBind = array_merge([$from, $to], self::MISSED, $w['ownBind'], $w['missedBind']);
        $rows = $this->tables->connection()->fetchAll(
            sprintf(
                'SELECT c.call_id, c.from_number, c.customer_id, c.started_at, c.disposition, c.party_key,'
                . ' ce.firstname, ce.lastname'
                . ' FROM %1$s c LEFT JOIN %2$s ce ON ce.entity_id = c.customer_id'
                . ' WHERE %3$s AND c.party_key IS NOT NULL AND c.from_number IS NOT NULL AND c.from_number <> \'\''
                . ' AND NOT EXISTS (SELECT 1 FROM %1$s l WHERE l.party_key = c.party_key'
                . '   AND (l.started_at > c.started_at OR (l.started_at = c.started_at AND l.entity_id > c.entity_id)))'
                . ' ORDER BY c.started_at DESC, c.entity_id DESC LIMIT %4$d',
                $calls,
                $this->tables->name('customer_entity'),
                $missedToday,
                self::CALL_BACK_LIMIT
            ),
            $missedBind
        );
        if ($rows === []) {
            return [];
        }
        // How many times each of these parties was missed today (the listed call and the earlier ones).
        $parties = array_values(array_unique(array_column($rows, 'party_key')));
        $times = [];
        $counted = $this->tables->connection()->fetchAll(
            sprintf(
                'SELECT c.party_key, COUNT(*) AS n FROM %s c WHERE %s AND c.party_key IN (%s) GROUP BY c.party_key',
                $calls,
                $missedToday,
                $this->tables->placeholders($parties)
            ),
            array_merge($missedBind, $parties)
        );
        foreach ($counted as $row) {
            $times[(string)$row['party_key']] = (int)$row['n'];
        }
        return array_map(function (array $r) use ($times): array {
            $name = trim((string)$r['firstname'] . ' ' . (string)$r['lastname']);
            return [
                'callId' => (string)$r['call_id'],
                'number' => (string)$r['from_number'],
                'name' => $name !== '' ? $name : null,
                'customerId' => $r['customer_id'] !== null ? (int)$r['customer_id'] : null,
                'at' => (string)$this->utcTime->iso((string)$r['started_at']),
                'disposition' => (string)$r['disposition'],
                'times' => max(1, (int)($times[$r['party_key']] ?? 1)),
            ];
        }, $rows);
    }

    /**
     * The agent's own results in each active campaign they are assigned to.
     *
     * @param int $userId
     * @param string $from
     * @param string $to
     * @return array<int, array{id: int, name: string, calledToday: int, called: int, reachedToday: int,
     *     reached: int, outcomesToday: array<int, array{outcome: string, count: int}>,
     *     outcomes: array<int, array{outcome: string, count: int}>, conversions: int}>
     */
    private function campaignResults(int $userId, string $from, string $to): array
    {
        $campaigns = $this->campaigns->activeForAgent($userId);
        if ($campaigns === []) {
            return [];
        }
        $ids = array_map(static fn ($c): int => (int)$c->id, $campaigns);
        $connection = $this->tables->connection();
        $events = $this->tables->name(Tables::EVENT);
        $reached = $this->tables->placeholders(ContactStatus::REACHED);
        $today = 'e.created_at >= ? AND e.created_at < ?';
        $contactRows = $connection->fetchAll(
            sprintf(
                'SELECT e.campaign_id, COUNT(DISTINCT e.contact_id) AS called,'
                . ' COUNT(DISTINCT CASE WHEN %1$s THEN e.contact_id END) AS called_today,'
                . ' COUNT(DISTINCT CASE WHEN e.outcome IN (%2$s) THEN e.contact_id END) AS reached,'
                . ' COUNT(DISTINCT CASE WHEN e.outcome IN (%2$s) AND %1$s THEN e.contact_id END) AS reached_today'
                . ' FROM %3$s e WHERE e.agent_id = ? AND e.type = ? AND e.campaign_id IN (%4$s)'
                . ' GROUP BY e.campaign_id',
                $today,
                $reached,
                $events,
                $this->tables->placeholders($ids)
            ),
            array_merge(
                [$from, $to],
                ContactStatus::REACHED,
                ContactStatus::REACHED,
                [$from, $to, $userId, ContactEvents::TYPE_OUTCOME],
                $ids
            )
        );
        $byCampaign = [];
        foreach ($contactRows as $row) {
            $byCampaign[(int)$row['campaign_id']] = $row;
        }
        $outcomeRows = $connection->fetchAll(
            sprintf(
                'SELECT e.campaign_id, e.outcome, COUNT(*) AS n, COALESCE(SUM(%s), 0) AS today'
                . ' FROM %s e WHERE e.agent_id = ? AND e.type = ? AND e.outcome IS NOT NULL AND e.campaign_id IN (%s)'
                . ' GROUP BY e.campaign_id, e.outcome',
                $today,
                $events,
                $this->tables->placeholders($ids)
            ),
            array_merge([$from, $to, $userId, ContactEvents::TYPE_OUTCOME], $ids)
        );
        $outcomes = [];
        foreach ($outcomeRows as $row) {
            $outcomes[(int)$row['campaign_id']][(string)$row['outcome']] = [(int)$row['n'], (int)$row['today']];
        }
        $results = [];
        foreach ($campaigns as $campaign) {
            $id = (int)$campaign->id;
            $counts = $byCampaign[$id] ?? [];
            $results[] = [
                'id' => $id,
                'name' => $campaign->name,
                'calledToday' => (int)($counts['called_today'] ?? 0),
                'called' => (int)($counts['called'] ?? 0),
                'reachedToday' => (int)($counts['reached_today'] ?? 0),
                'reached' => (int)($counts['reached'] ?? 0),
                'outcomesToday' => $this->outcomeList($outcomes[$id] ?? [], 1),
                'outcomes' => $this->outcomeList($outcomes[$id] ?? [], 0),
                'conversions' => $counts === []
                    ? 0
                    : $this->campaignResults->conversions($campaign, $userId)['conversions'],
            ];
        }
        return $results;
    }

    /**
     * Outcome counts in the order the panel offers them; outcomes counted 0 are left out.
     *
     * @param array<string, array{0: int, 1: int}> $counts overall and today, by outcome
     * @param int $which 0 overall, 1 today
     * @return array<int, array{outcome: string, count: int}>
     */
    private function outcomeList(array $counts, int $which): array
    {
        $list = [];
        foreach (array_unique(array_merge(ContactStatus::OUTCOMES, array_keys($counts))) as $outcome) {
            $n = $counts[$outcome][$which] ?? 0;
            if ($n > 0) {
                $list[] = ['outcome' => (string)$outcome, 'count' => $n];
            }
        }
        return $list;
    }
}
