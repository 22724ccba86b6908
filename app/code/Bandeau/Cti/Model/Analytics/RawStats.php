<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Bandeau\Cti\Api\CallStatsInterface;
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
 * block is grouped from it, then shaped by Figures as AggregateStats' sums are (one shaping, two
 * sources). Far too slow for a dashboard on millions of calls: that is the point.
 */
class RawStats implements CallStatsInterface
{
    private const CALLS = 'bandeau_raw_stats_call';
    private const SALES = 'bandeau_raw_stats_sale';
    private const DAY = 86400;
    private const UTC = 'Y-m-d H:i:s';
    private const NOT_CANCELED = '(o.state IS NULL OR o.state <> \'canceled\')';

    /**
     * @param ResourceConnection $resource
     * @param ReportingZone $reportingZone
     * @param ZoneOffsets $zoneOffsets
     * @param Figures $figures
     * @param Names $names
     * @param SaleAttribution $saleAttribution its window (the attribution itself is computed here)
     */
    public function __construct(
        private ResourceConnection $resource,
        private ReportingZone $reportingZone,
        private ZoneOffsets $zoneOffsets,
        private Figures $figures,
        private Names $names,
        private SaleAttribution $saleAttribution
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
        $windowDays = $this->saleAttribution->windowDays();
        try {
            $this->readCalls($db, $filter, $zone, $fromUtc, $toUtc);
            $this->readSales($db, $filter, $fromUtc, $toUtc, $windowDays);
            $store = $filter->storeId > 0 ? ' AND store_id = ' . $filter->storeId : '';
            $agent = $store . ($filter->agentUserId > 0 ? ' AND agent_user_id = ' . $filter->agentUserId : '');
            $heatmap = $this->figures->heatmap(array_map(
                static fn (array $r): array => ['missed' => (int)$r['missed'] + (int)$r['abandoned']] + $r,
                $this->grouped($db, $agent, 'dow, hour')
            ));
            $agents = $this->byAgent($db, $store, $filter->agentUserId);
            return $this->figures->assemble($filter, [
                'totals' => $this->figures->totals($this->grouped($db, $agent, '')[0]),
                'heatmap' => $heatmap,
                'daily' => $this->figures->daily($filter, $this->grouped($db, $agent, 'local_date')),
                'byRoute' => $this->figures->groups($this->grouped($db, $agent, 'route AS k')),
                'byQueue' => $this->figures->groups($this->grouped($db, $agent, 'queue_name AS k')),
                'byAgent' => $this->figures->agents(
                    $agents,
                    $this->names->agents(array_column($agents, 'agent_user_id'))
                ),
                'missedHours' => $this->figures->missedHours($heatmap),
                'sales' => $this->sales($db, $windowDays),
                'campaigns' => $this->figures->campaigns($this->campaigns($db, $fromUtc, $toUtc)),
                'unknownCallers' => $this->figures->unknownCallers($this->unknownCallers($db)),
            ]);
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
            . ($groupBy !== '' ? ' GROUP BY ' . preg_replace('/^\w+ AS /', '', $groupBy) : '')
        );
    }

    /**
     * Per agent (id > 0): calls, answered and talk time of the calls they answered or placed, and the
     * calls transferred to their extension.
     *
     * @param AdapterInterface $db
     * @param string $store the store condition (' AND …' or '')
     * @param int $agentUserId 0 = every agent
     * @return array<int, array<string, int>> agent_user_id, calls, answered, transfers_in, talk_s
     */
    private function byAgent(AdapterInterface $db, string $store, int $agentUserId): array
    {
        $agents = [];
        $rows = $db->fetchAll(
            'SELECT agent_user_id, COUNT(*) AS calls, SUM(disposition = \'answered\') AS answered,'
            . ' SUM(talk_s) AS talk_s FROM ' . self::CALLS . ' WHERE agent_user_id > 0' . $store
            . ($agentUserId > 0 ? ' AND agent_user_id = ' . $agentUserId : '') . ' GROUP BY agent_user_id'
        );
        foreach ($rows as $r) {
            $agents[(int)$r['agent_user_id']] = [
                'agent_user_id' => (int)$r['agent_user_id'],
                'calls' => (int)$r['calls'],
                'answered' => (int)$r['answered'],
                'transfers_in' => 0,
                'talk_s' => (int)$r['talk_s'],
            ];
        }
        $rows = $db->fetchAll(
            'SELECT transfer_user_id AS id, COUNT(*) AS transfers FROM ' . self::CALLS
            . ' WHERE transfer_user_id > 0' . $store
            . ($agentUserId > 0 ? ' AND transfer_user_id = ' . $agentUserId : '') . ' GROUP BY transfer_user_id'
        );
        foreach ($rows as $r) {
            $id = (int)$r['id'];
            $agents[$id] ??= ['agent_user_id' => $id, 'calls' => 0, 'answered' => 0, 'talk_s' => 0];
            $agents[$id]['transfers_in'] = (int)$r['transfers'];
        }
        return array_values($agents);
    }

    /**
     * @param AdapterInterface $db
     * @param int $windowDays
     * @return array<string, mixed>
     */
    private function sales(AdapterInterface $db, int $windowDays): array
    {
        $total = $db->fetchRow('SELECT COUNT(*) AS orders, SUM(revenue) AS revenue FROM ' . self::SALES);
        $groups = [];
        foreach (['agent' => 'agent_user_id', 'route' => 'route', 'campaign' => 'campaign_id'] as $name => $column) {
            $groups[$name] = $db->fetchAll(
                'SELECT ' . $column . ' AS k, COUNT(*) AS orders, SUM(revenue) AS revenue FROM ' . self::SALES
                . ' GROUP BY ' . $column
            );
        }
        return $this->figures->sales(
            $windowDays,
            $total,
            $groups,
            $this->names->agents(array_column($groups['agent'], 'k')),
            $this->names->campaigns(array_column($groups['campaign'], 'k'))
        );
    }

    /**
     * Campaigns built in the range: contacts called against contacts never called (hold-out), and
     * how many of each placed an order (not canceled) within the campaign's conversion days after
     * their first call, or after the campaign was built for the hold-out. Each contact's converting
     * orders are joined and counted (AggregateStats asks EXISTS per contact: two formulations).
     *
     * @param AdapterInterface $db
     * @param int $fromUtc
     * @param int $toUtc
     * @return array<int, array<string, mixed>> campaign_id, name, called, called_converted, holdout,
     *     holdout_converted
     */
    private function campaigns(AdapterInterface $db, int $fromUtc, int $toUtc): array
    {
        $since = 'COALESCE(cc.first_contacted_at, k.built_at, k.created_at)';
        return $db->fetchAll(
            'SELECT campaign_id, name, SUM(called) AS called, SUM(called AND orders > 0) AS called_converted,'
            . ' SUM(contact_id IS NOT NULL AND NOT called) AS holdout,'
            . ' SUM(contact_id IS NOT NULL AND NOT called AND orders > 0) AS holdout_converted FROM ('
            . ' SELECT k.campaign_id, k.name, cc.contact_id, cc.first_contacted_at IS NOT NULL AS called,'
            . ' COUNT(o.entity_id) AS orders'
            . ' FROM ' . $this->table('bandeau_campaign') . ' k'
            . ' LEFT JOIN ' . $this->table('bandeau_campaign_contact') . ' cc ON cc.campaign_id = k.campaign_id'
            . ' LEFT JOIN ' . $this->table('sales_order') . ' o ON o.customer_id = cc.customer_id'
            . ' AND ' . self::NOT_CANCELED . ' AND o.created_at >= ' . $since
            . ' AND o.created_at < ' . $since . ' + INTERVAL k.conversion_days DAY'
            . ' WHERE COALESCE(k.built_at, k.created_at) >= ? AND COALESCE(k.built_at, k.created_at) < ?'
            . ' GROUP BY k.campaign_id, k.name, cc.contact_id, cc.first_contacted_at'
            . ') x GROUP BY campaign_id, name',
            [gmdate(self::UTC, $fromUtc), gmdate(self::UTC, $toUtc)]
        );
    }

    /**
     * Inbound callers without an account, by calls (an unknown caller has no store nor agent: only
     * the direction filter applies).
     *
     * @param AdapterInterface $db
     * @return array<int, array<string, string>> number, calls, missed, last_call_at
     */
    private function unknownCallers(AdapterInterface $db): array
    {
        return $db->fetchAll(
            'SELECT party_key AS number, COUNT(*) AS calls, SUM(disposition IN (\'missed\', \'abandoned\')) AS missed,'
            . ' MAX(started_at) AS last_call_at FROM ' . self::CALLS
            . ' WHERE direction = \'inbound\' AND customer_id IS NULL AND party_key IS NOT NULL'
            . ' GROUP BY party_key ORDER BY calls DESC, party_key ASC LIMIT ' . self::UNKNOWN_CALLERS
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
     * @param string $table
     * @return string
     */
    private function table(string $table): string
    {
        return $this->resource->getConnection()->quoteIdentifier($this->resource->getTableName($table));
    }
}
