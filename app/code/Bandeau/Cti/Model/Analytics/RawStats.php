<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Bandeau\Cti\Api\CallStatsInterface;
use Magento\Framework\App\Config\ScopeConfigInterface;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\DB\Adapter\AdapterInterface;

/**
 * The dashboard's figures computed straight from the call log (bandeau_call), the orders
 * (sales_order) and the campaign contacts, without the aggregate tables: the benchmark's baseline
 * and the tests' oracle for AggregateStats. Same rules as the aggregates (see CallStatsInterface):
 * a call is bucketed by the local date and hour of its start in the reporting zone, a transfer to
 * an agent's extension counts once more for that agent (transfers in), the store is the customer's,
 * else the order's, else 0, and an order is sold by the latest answered call with its customer at
 * most N days before it (canceled orders left out).
 *
 * One query reads the range's calls into a temporary table with their bucket and dimensions; each
 * block is grouped from it. Far too slow for a dashboard on millions of calls: that is the point.
 */
class RawStats implements CallStatsInterface
{
    public const XML_PATH_SALE_WINDOW_DAYS = 'bandeau/analytics/sale_window_days';
    public const DEFAULT_SALE_WINDOW_DAYS = 7;

    private const CALLS = 'bandeau_raw_stats_call';
    private const SALES = 'bandeau_raw_stats_sale';
    private const DAY = 86400;
    private const UTC = 'Y-m-d H:i:s';
    private const NOT_CANCELED = '(o.state IS NULL OR o.state <> \'canceled\')';

    /**
     * @param ResourceConnection $resource
     * @param ScopeConfigInterface $scopeConfig
     * @param ReportingZone $reportingZone
     * @param ZoneOffsets $zoneOffsets
     */
    public function __construct(
        private ResourceConnection $resource,
        private ScopeConfigInterface $scopeConfig,
        private ReportingZone $reportingZone,
        private ZoneOffsets $zoneOffsets
    ) {
    }

    /**
     * @inheritDoc
     */
    public function figures(StatsFilter $filter): array
    {
        $db = $this->resource->getConnection();
        $zone = $this->reportingZone->zone();
        $fromUtc = $this->utcOfLocalMidnight($filter->from, $zone);
        $toUtc = $this->utcOfLocalMidnight(
            (new \DateTimeImmutable($filter->to))->modify('+1 day')->format('Y-m-d'),
            $zone
        );
        $windowDays = $this->windowDays();
        try {
            $this->readCalls($db, $filter, $zone, $fromUtc, $toUtc);
            $this->readSales($db, $filter, $fromUtc, $toUtc, $windowDays);
            $store = $filter->storeId > 0 ? ' AND store_id = ' . $filter->storeId : '';
            $agent = $store . ($filter->agentUserId > 0 ? ' AND agent_user_id = ' . $filter->agentUserId : '');
            $byHour = $this->grouped($db, $agent, 'dow, hour');
            return [
                'filter' => [
                    'from' => $filter->from,
                    'to' => $filter->to,
                    'storeId' => $filter->storeId,
                    'direction' => $filter->direction,
                    'agentUserId' => $filter->agentUserId,
                ],
                'totals' => $this->totals($this->grouped($db, $agent, '')[0] ?? []),
                'heatmap' => $this->heatmap($byHour),
                'daily' => $this->daily($this->grouped($db, $agent, 'local_date'), $filter),
                'byRoute' => $this->byKey($this->grouped($db, $agent, 'route'), 'route'),
                'byQueue' => $this->byKey($this->grouped($db, $agent, 'queue_name'), 'queue_name'),
                'byAgent' => $this->byAgent($db, $store, $filter->agentUserId),
                'missedHours' => $this->missedHours($byHour),
                'sales' => $this->sales($db, $windowDays),
                'campaigns' => $this->campaigns($db, $fromUtc, $toUtc),
                'unknownCallers' => $this->unknownCallers($db),
            ];
        } finally {
            $db->query(sprintf('DROP TEMPORARY TABLE IF EXISTS %s', self::CALLS));
            $db->query(sprintf('DROP TEMPORARY TABLE IF EXISTS %s', self::SALES));
        }
    }

    /**
     * Reads the ended calls whose local start date is in the range, with their bucket and dimensions,
     * filtered by direction (store and agent filters depend on the block) into a temporary table.
     *
     * @param AdapterInterface $db
     * @param StatsFilter $filter
     * @param \DateTimeZone $zone
     * @param int $fromUtc
     * @param int $toUtc
     * @return void
     */
    private function readCalls(
        AdapterInterface $db,
        StatsFilter $filter,
        \DateTimeZone $zone,
        int $fromUtc,
        int $toUtc
    ): void {
        // A day on each side: a zone falling back across midnight puts instants after the first local
        // midnight on the day before; the local date decides.
        $scanFrom = $fromUtc - self::DAY;
        $scanTo = $toUtc + self::DAY;
        $local = $this->localExpression('c.started_at', $zone, $scanFrom, $scanTo);
        $store = 'CASE WHEN c.customer_id IS NOT NULL THEN COALESCE(ce.store_id, 0)'
            . ' WHEN c.order_id IS NOT NULL THEN COALESCE(so.store_id, 0) ELSE 0 END';
        $db->query(sprintf('DROP TEMPORARY TABLE IF EXISTS %s', self::CALLS));
        $db->query(
            sprintf('CREATE TEMPORARY TABLE %s (PRIMARY KEY (entity_id)) ENGINE=InnoDB AS', self::CALLS)
            . ' SELECT entity_id, DATE(local_at) AS local_date, HOUR(local_at) AS hour, WEEKDAY(local_at) + 1 AS dow,'
            . ' store_id, direction, agent_user_id, route, queue_name, campaign_id, disposition, ring_s, talk_s,'
            . ' transfer_user_id, customer_id, party_key, started_at FROM ('
            . 'SELECT c.entity_id, ' . $local . ' AS local_at, ' . $store . ' AS store_id, c.direction,'
            . ' COALESCE(c.agent_user_id, 0) AS agent_user_id, COALESCE(c.route, \'\') AS route,'
            . ' COALESCE(c.queue_name, \'\') AS queue_name, COALESCE(c.campaign_id, 0) AS campaign_id,'
            . ' c.disposition,'
            . ' IF(c.disposition = \'answered\' AND c.answered_at IS NOT NULL,'
            . ' GREATEST(0, TIMESTAMPDIFF(SECOND, c.started_at, c.answered_at)), 0) AS ring_s,'
            . ' c.talk_s, COALESCE(tu.user_id, 0) AS transfer_user_id, c.customer_id, c.party_key, c.started_at'
            . ' FROM ' . $this->table('bandeau_call') . ' c'
            . ' LEFT JOIN ' . $this->table('customer_entity') . ' ce ON ce.entity_id = c.customer_id'
            . ' LEFT JOIN ' . $this->table('sales_order') . ' so ON so.entity_id = c.order_id'
            . ' LEFT JOIN ' . $this->table('admin_user') . ' tu'
            . ' ON c.transferred_to <> \'\' AND tu.bandeau_extension = c.transferred_to'
            . ' WHERE c.started_at >= ? AND c.started_at < ? AND c.disposition IS NOT NULL'
            . ($filter->direction !== '' ? ' AND c.direction = ?' : '')
            . ') x WHERE DATE(local_at) BETWEEN ? AND ?',
            array_merge(
                [gmdate(self::UTC, $scanFrom), gmdate(self::UTC, $scanTo)],
                $filter->direction !== '' ? [$filter->direction] : [],
                [$filter->from, $filter->to]
            )
        );
    }

    /**
     * Orders attributed to a call of the temporary table: for each order of a customer, not
     * canceled, the latest answered call with that customer that started before it and at most N
     * days before it (looked for among all calls); the call's bucket and dimensions decide whether
     * it counts.
     *
     * @param AdapterInterface $db
     * @param StatsFilter $filter
     * @param int $fromUtc
     * @param int $toUtc
     * @param int $windowDays
     * @return void
     */
    private function readSales(
        AdapterInterface $db,
        StatsFilter $filter,
        int $fromUtc,
        int $toUtc,
        int $windowDays
    ): void {
        $where = ($filter->storeId > 0 ? ' AND t.store_id = ' . $filter->storeId : '')
            . ($filter->agentUserId > 0 ? ' AND t.agent_user_id = ' . $filter->agentUserId : '');
        $db->query(sprintf('DROP TEMPORARY TABLE IF EXISTS %s', self::SALES));
        $db->query(
            sprintf('CREATE TEMPORARY TABLE %s ENGINE=InnoDB AS', self::SALES)
            . ' SELECT o.entity_id AS order_id, t.agent_user_id, t.route, t.campaign_id, o.base_grand_total AS revenue'
            . ' FROM (SELECT o.entity_id, o.base_grand_total,'
            . ' (SELECT c.entity_id FROM ' . $this->table('bandeau_call') . ' c WHERE c.customer_id = o.customer_id'
            . ' AND c.disposition = \'answered\' AND c.started_at < o.created_at'
            . ' AND c.started_at >= o.created_at - INTERVAL ' . $windowDays . ' DAY'
            . ' ORDER BY c.started_at DESC, c.entity_id DESC LIMIT 1) AS call_entity_id'
            . ' FROM ' . $this->table('sales_order') . ' o'
            . ' WHERE o.customer_id IS NOT NULL AND ' . self::NOT_CANCELED
            . ' AND o.created_at >= ? AND o.created_at < ?'
            . ') o JOIN ' . self::CALLS . ' t ON t.entity_id = o.call_entity_id WHERE 1' . $where,
            [
                gmdate(self::UTC, $fromUtc - self::DAY),
                gmdate(self::UTC, $toUtc + self::DAY * ($windowDays + 2)),
            ]
        );
    }

    /**
     * The measures of the calls (agent filter applied), grouped by $groupBy ('' = one total row).
     *
     * @param AdapterInterface $db
     * @param string $agent the agent condition (' AND …' or '')
     * @param string $groupBy
     * @return array<int, array<string, string>>
     */
    private function grouped(AdapterInterface $db, string $agent, string $groupBy): array
    {
        return $db->fetchAll(
            'SELECT ' . ($groupBy !== '' ? $groupBy . ', ' : '') . 'COUNT(*) AS calls,'
            . ' SUM(disposition = \'answered\') AS answered, SUM(disposition = \'missed\') AS missed,'
            . ' SUM(disposition = \'abandoned\') AS abandoned,'
            . ' SUM(disposition IN (\'busy\', \'failed\', \'voicemail\')) AS other,'
            . ' SUM(ring_s) AS ring_s, SUM(talk_s) AS talk_s'
            . ' FROM ' . self::CALLS . ' WHERE 1' . $agent
            . ($groupBy !== '' ? ' GROUP BY ' . $groupBy : '')
        );
    }

    /**
     * @param array<string, string|null> $r
     * @return array<string, int|float>
     */
    private function totals(array $r): array
    {
        $calls = (int)($r['calls'] ?? 0);
        $answered = (int)($r['answered'] ?? 0);
        $missed = (int)($r['missed'] ?? 0);
        $abandoned = (int)($r['abandoned'] ?? 0);
        return [
            'calls' => $calls,
            'answered' => $answered,
            'missed' => $missed,
            'abandoned' => $abandoned,
            'other' => (int)($r['other'] ?? 0),
            'answerRate' => $this->rate($answered, $calls),
            'missedRate' => $this->rate($missed, $calls),
            'abandonedRate' => $this->rate($abandoned, $calls),
            'avgRingS' => $this->average((int)($r['ring_s'] ?? 0), $answered),
            'avgTalkS' => $this->average((int)($r['talk_s'] ?? 0), $answered),
        ];
    }

    /**
     * @param array<int, array<string, string>> $byHour
     * @return array<int, int[]>
     */
    private function heatmap(array $byHour): array
    {
        $cells = [];
        foreach ($byHour as $r) {
            $cells[(int)$r['dow']][(int)$r['hour']] = [(int)$r['calls'], (int)$r['missed'] + (int)$r['abandoned']];
        }
        $out = [];
        for ($dow = 1; $dow <= 7; $dow++) {
            for ($hour = 0; $hour < 24; $hour++) {
                [$calls, $missed] = $cells[$dow][$hour] ?? [0, 0];
                $out[] = [$dow, $hour, $calls, $missed];
            }
        }
        return $out;
    }

    /**
     * @param array<int, array<string, string>> $byDate
     * @param StatsFilter $filter
     * @return array<int, array>
     */
    private function daily(array $byDate, StatsFilter $filter): array
    {
        $indexed = array_column($byDate, null, 'local_date');
        $out = [];
        foreach ($filter->dates() as $date) {
            $r = $indexed[$date] ?? [];
            $out[] = [
                $date,
                (int)($r['calls'] ?? 0),
                (int)($r['answered'] ?? 0),
                (int)($r['missed'] ?? 0),
                (int)($r['abandoned'] ?? 0),
            ];
        }
        return $out;
    }

    /**
     * @param array<int, array<string, string>> $rows
     * @param string $column route or queue_name
     * @return array<int, array>
     */
    private function byKey(array $rows, string $column): array
    {
        $out = [];
        foreach ($rows as $r) {
            $calls = (int)$r['calls'];
            $answered = (int)$r['answered'];
            $out[] = [
                (string)$r[$column],
                $calls,
                $answered,
                (int)$r['missed'],
                (int)$r['abandoned'],
                $this->rate($answered, $calls),
                $this->average((int)$r['ring_s'], $answered),
                $this->average((int)$r['talk_s'], $answered),
            ];
        }
        usort($out, static fn (array $a, array $b): int => [$b[1], $a[0]] <=> [$a[1], $b[0]]);
        return $out;
    }

    /**
     * Calls answered (with their talk time) and transferred in, per agent; no agent (0) left out.
     *
     * @param AdapterInterface $db
     * @param string $store the store condition (' AND …' or '')
     * @param int $agentUserId 0 = every agent
     * @return array<int, array>
     */
    private function byAgent(AdapterInterface $db, string $store, int $agentUserId): array
    {
        $agents = [];
        $rows = $db->fetchAll(
            'SELECT agent_user_id AS id, SUM(disposition = \'answered\') AS answered, SUM(talk_s) AS talk_s FROM '
            . self::CALLS . ' WHERE agent_user_id > 0' . $store
            . ($agentUserId > 0 ? ' AND agent_user_id = ' . $agentUserId : '')
            . ' GROUP BY agent_user_id'
        );
        foreach ($rows as $r) {
            $agents[(int)$r['id']] = [(int)$r['answered'], 0, (int)$r['talk_s']];
        }
        $rows = $db->fetchAll(
            'SELECT transfer_user_id AS id, COUNT(*) AS transfers FROM ' . self::CALLS
            . ' WHERE transfer_user_id > 0' . $store
            . ($agentUserId > 0 ? ' AND transfer_user_id = ' . $agentUserId : '') . ' GROUP BY transfer_user_id'
        );
        foreach ($rows as $r) {
            $agents[(int)$r['id']] ??= [0, 0, 0];
            $agents[(int)$r['id']][1] = (int)$r['transfers'];
        }
        $names = $this->agentNames($db, array_keys($agents));
        $out = [];
        foreach ($agents as $id => [$answered, $in, $talk]) {
            $out[] = [
                $id,
                $names[$id] ?? '#' . $id,
                $answered,
                $in,
                $answered + $in,
                0,
                $talk,
                $this->average($talk, $answered),
            ];
        }
        usort($out, static fn (array $a, array $b): int => [$b[4], $a[0]] <=> [$a[4], $b[0]]);
        return $out;
    }

    /**
     * @param array<int, array<string, string>> $byHour
     * @return array<int, int[]>
     */
    private function missedHours(array $byHour): array
    {
        $out = [];
        foreach ($byHour as $r) {
            $missed = (int)$r['missed'] + (int)$r['abandoned'];
            if ($missed > 0) {
                $out[] = [(int)$r['dow'], (int)$r['hour'], $missed, (int)$r['calls']];
            }
        }
        usort($out, static fn (array $a, array $b): int => [$b[2], $a[0], $a[1]] <=> [$a[2], $b[0], $b[1]]);
        return array_slice($out, 0, self::MISSED_HOURS);
    }

    /**
     * @param AdapterInterface $db
     * @param int $windowDays
     * @return array<string, mixed>
     */
    private function sales(AdapterInterface $db, int $windowDays): array
    {
        $total = $db->fetchRow('SELECT COUNT(*) AS orders, COALESCE(SUM(revenue), 0) AS revenue FROM ' . self::SALES);
        $group = fn (string $key): array => $db->fetchAll(
            'SELECT ' . $key . ' AS k, COUNT(*) AS orders, SUM(revenue) AS revenue FROM ' . self::SALES
            . ' GROUP BY ' . $key . ' ORDER BY revenue DESC, ' . $key . ' ASC'
        );
        $byAgent = $group('agent_user_id');
        $agentNames = $this->agentNames($db, array_map('intval', array_column($byAgent, 'k')));
        $byCampaign = array_values(array_filter($group('campaign_id'), static fn (array $r): bool => (int)$r['k'] > 0));
        $campaignNames = $this->campaignNames($db, array_map('intval', array_column($byCampaign, 'k')));
        return [
            'windowDays' => $windowDays,
            'orders' => (int)$total['orders'],
            'revenue' => round((float)$total['revenue'], 2),
            'byAgent' => array_map(
                fn (array $r): array => [
                    (int)$r['k'],
                    (int)$r['k'] > 0 ? $agentNames[(int)$r['k']] ?? '#' . $r['k'] : '',
                    (int)$r['orders'],
                    round((float)$r['revenue'], 2),
                ],
                $byAgent
            ),
            'byRoute' => array_map(
                static fn (array $r): array => [(string)$r['k'], (int)$r['orders'], round((float)$r['revenue'], 2)],
                $group('route')
            ),
            'byCampaign' => array_map(
                fn (array $r): array => [
                    (int)$r['k'],
                    $campaignNames[(int)$r['k']] ?? '#' . $r['k'],
                    (int)$r['orders'],
                    round((float)$r['revenue'], 2),
                ],
                $byCampaign
            ),
        ];
    }

    /**
     * Campaigns built in the range: contacts called against contacts never called (hold-out), and
     * how many of each placed an order (not canceled) within the campaign's conversion days after
     * their first call, or after the campaign was built for the hold-out.
     *
     * @param AdapterInterface $db
     * @param int $fromUtc
     * @param int $toUtc
     * @return array<int, array>
     */
    private function campaigns(AdapterInterface $db, int $fromUtc, int $toUtc): array
    {
        $order = $this->table('sales_order');
        $converted = static fn (string $since): string => 'EXISTS (SELECT 1 FROM ' . $order . ' o'
            . ' WHERE o.customer_id = cc.customer_id AND ' . self::NOT_CANCELED
            . ' AND o.created_at >= ' . $since . ' AND o.created_at < ' . $since . ' + INTERVAL k.conversion_days DAY)';
        $rows = $db->fetchAll(
            'SELECT k.campaign_id, k.name, COALESCE(SUM(cc.first_contacted_at IS NOT NULL), 0) AS called,'
            . ' COALESCE(SUM(cc.first_contacted_at IS NOT NULL AND ' . $converted('cc.first_contacted_at') . '), 0)'
            . ' AS called_converted,'
            . ' COALESCE(SUM(cc.first_contacted_at IS NULL), 0) AS holdout,'
            . ' COALESCE(SUM(cc.first_contacted_at IS NULL AND '
            . $converted('COALESCE(k.built_at, k.created_at)') . '), 0)'
            . ' AS holdout_converted'
            . ' FROM ' . $this->table('bandeau_campaign') . ' k'
            . ' LEFT JOIN ' . $this->table('bandeau_campaign_contact') . ' cc ON cc.campaign_id = k.campaign_id'
            . ' WHERE COALESCE(k.built_at, k.created_at) >= ? AND COALESCE(k.built_at, k.created_at) < ?'
            . ' GROUP BY k.campaign_id, k.name ORDER BY k.campaign_id',
            [gmdate(self::UTC, $fromUtc), gmdate(self::UTC, $toUtc)]
        );
        $out = [];
        foreach ($rows as $r) {
            $called = (int)$r['called'];
            $holdout = (int)$r['holdout'];
            $out[] = [
                (int)$r['campaign_id'],
                (string)$r['name'] !== '' ? (string)$r['name'] : '#' . $r['campaign_id'],
                $called,
                (int)$r['called_converted'],
                $this->rate((int)$r['called_converted'], $called),
                $holdout,
                (int)$r['holdout_converted'],
                $this->rate((int)$r['holdout_converted'], $holdout),
            ];
        }
        return $out;
    }

    /**
     * Inbound callers without an account, by calls (an unknown caller has no store nor agent: only
     * the direction filter applies).
     *
     * @param AdapterInterface $db
     * @return array<int, array>
     */
    private function unknownCallers(AdapterInterface $db): array
    {
        $rows = $db->fetchAll(
            'SELECT party_key, COUNT(*) AS calls, SUM(disposition IN (\'missed\', \'abandoned\')) AS missed,'
            . ' MAX(started_at) AS last_call_at FROM ' . self::CALLS
            . ' WHERE direction = \'inbound\' AND customer_id IS NULL AND party_key IS NOT NULL'
            . ' GROUP BY party_key ORDER BY calls DESC, party_key ASC LIMIT ' . self::UNKNOWN_CALLERS
        );
        return array_map(
            static fn (array $r): array => [
                (string)$r['party_key'],
                (int)$r['calls'],
                (int)$r['missed'],
                (string)$r['last_call_at'],
            ],
            $rows
        );
    }

    /**
     * SQL of a UTC DATETIME column's local time in $zone, valid over [$fromUtc, $toUtc): the
     * zone's offsets from PHP's transitions as a CASE on the instant (no MariaDB named zones).
     *
     * @param string $column
     * @param \DateTimeZone $zone
     * @param int $fromUtc
     * @param int $toUtc
     * @return string
     */
    private function localExpression(string $column, \DateTimeZone $zone, int $fromUtc, int $toUtc): string
    {
        $intervals = $this->zoneOffsets->intervals($zone, $fromUtc, $toUtc);
        $last = array_pop($intervals);
        $case = '';
        foreach ($intervals as [, $to, $offset]) {
            $case .= ' WHEN ' . $column . ' < \'' . gmdate(self::UTC, (int)$to) . '\' THEN ' . (int)$offset;
        }
        $lastOffset = (int)($last[2] ?? 0);
        $offset = $case === '' ? (string)$lastOffset : '(CASE' . $case . ' ELSE ' . $lastOffset . ' END)';
        return $column . ' + INTERVAL ' . $offset . ' SECOND';
    }

    /**
     * The Unix time of a local date's first instant in $zone.
     *
     * @param string $date
     * @param \DateTimeZone $zone
     * @return int
     */
    private function utcOfLocalMidnight(string $date, \DateTimeZone $zone): int
    {
        return (new \DateTimeImmutable($date . ' 00:00:00', $zone))->getTimestamp();
    }

    /**
     * @return int
     */
    private function windowDays(): int
    {
        $value = $this->scopeConfig->getValue(self::XML_PATH_SALE_WINDOW_DAYS);
        $days = is_numeric($value) ? (int)$value : self::DEFAULT_SALE_WINDOW_DAYS;
        return $days > 0 ? $days : self::DEFAULT_SALE_WINDOW_DAYS;
    }

    /**
     * @param AdapterInterface $db
     * @param int[] $ids
     * @return array<int, string>
     */
    private function agentNames(AdapterInterface $db, array $ids): array
    {
        $ids = array_values(array_filter($ids, static fn (int $id): bool => $id > 0));
        if ($ids === []) {
            return [];
        }
        $names = [];
        $rows = $db->fetchAll(
            'SELECT user_id,'
            . ' COALESCE(NULLIF(TRIM(CONCAT(COALESCE(firstname, \'\'), \' \', COALESCE(lastname, \'\'))), \'\'),'
            . ' NULLIF(username, \'\'), CONCAT(\'#\', user_id)) AS name FROM ' . $this->table('admin_user')
            . ' WHERE user_id IN (' . implode(', ', array_fill(0, count($ids), '?')) . ')',
            $ids
        );
        foreach ($rows as $r) {
            $names[(int)$r['user_id']] = (string)$r['name'];
        }
        return $names;
    }

    /**
     * @param AdapterInterface $db
     * @param int[] $ids
     * @return array<int, string>
     */
    private function campaignNames(AdapterInterface $db, array $ids): array
    {
        if ($ids === []) {
            return [];
        }
        $names = [];
        $rows = $db->fetchAll(
            'SELECT campaign_id, COALESCE(NULLIF(name, \'\'), CONCAT(\'#\', campaign_id)) AS name FROM '
            . $this->table('bandeau_campaign')
            . ' WHERE campaign_id IN (' . implode(', ', array_fill(0, count($ids), '?')) . ')',
            $ids
        );
        foreach ($rows as $r) {
            $names[(int)$r['campaign_id']] = (string)$r['name'];
        }
        return $names;
    }

    /**
     * @param string $table
     * @return string
     */
    private function table(string $table): string
    {
        return $this->resource->getConnection()->quoteIdentifier($this->resource->getTableName($table));
    }

    /**
     * @param int $part
     * @param int $whole
     * @return float
     */
    private function rate(int $part, int $whole): float
    {
        return $whole > 0 ? round($part / $whole, 4) : 0.0;
    }

    /**
     * @param int $sum
     * @param int $count
     * @return float
     */
    private function average(int $sum, int $count): float
    {
        return $count > 0 ? round($sum / $count, 1) : 0.0;
    }
}
