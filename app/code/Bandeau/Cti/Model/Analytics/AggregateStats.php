<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Bandeau\Cti\Api\CallStatsInterface;
use Magento\Framework\App\Config\ScopeConfigInterface;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\DB\Adapter\AdapterInterface;

/**
 * The dashboard's figures from the aggregate tables only (the rollups of bandeau_call_stat_hourly,
 * bandeau_call_stat_unknown, bandeau_call_sale), plus names and the campaigns' contacts.
 *
 * Every query is a GROUP BY over the range of local dates, which the tables' primary keys start with
 * (after the agent, with the agent filter), so the cost follows the number of aggregate rows in the
 * range, not the number of calls: per hour for the totals, the heat map, the days and the missed
 * hours; per route and queue; per agent (Rollups).
 */
class AggregateStats implements CallStatsInterface
{
    public const HOURLY = 'bandeau_call_stat_hourly';
    public const UNKNOWN = 'bandeau_call_stat_unknown';
    public const UNKNOWN_TOTAL = 'bandeau_call_stat_unknown_total';
    public const SALE = 'bandeau_call_sale';
    /** The sales blocks and the column each groups by. */
    private const SALE_GROUPS = ['agent' => 'agent_user_id', 'route' => 'route', 'campaign' => 'campaign_id'];
    /** Numbers read by lifetime calls before the top unknown callers fall back to grouping the range. */
    private const MAX_CANDIDATES = 20000;
    public const XML_PATH_SALE_WINDOW_DAYS = 'bandeau/analytics/sale_window_days';
    public const DEFAULT_SALE_WINDOW_DAYS = 7;

    private const MEASURES = 'SUM(calls) AS calls, SUM(answered) AS answered, SUM(missed) AS missed,'
        . ' SUM(abandoned) AS abandoned, SUM(other) AS other, SUM(ring_s) AS ring_s, SUM(talk_s) AS talk_s';

    /**
     * @param ResourceConnection $resource
     * @param ScopeConfigInterface $scopeConfig
     * @param ReportingZone $reportingZone
     * @param Figures $figures
     * @param Names $names
     */
    public function __construct(
        private ResourceConnection $resource,
        private ScopeConfigInterface $scopeConfig,
        private ReportingZone $reportingZone,
        private Figures $figures,
        private Names $names
    ) {
    }

    /**
     * @inheritDoc
     */
    public function figures(StatsFilter $filter): array
    {
        [$where, $bind] = $this->where($filter, 'local_date', true);
        // One agent: the *_agent rollups, whose primary key starts with the agent.
        $oneAgent = $filter->agentUserId > 0;
        $hours = $this->select(
            'local_date, hour, WEEKDAY(local_date) + 1 AS dow, ' . self::MEASURES,
            $oneAgent ? Rollups::HOUR_AGENT : Rollups::HOUR,
            $where,
            'local_date, hour',
            $bind
        );
        // One scan for routes and queues: their combinations are few, their sums exact in PHP.
        $groups = $this->select(
            'route, queue_name, ' . self::MEASURES,
            $oneAgent ? Rollups::ROUTE_AGENT : Rollups::ROUTE,
            $where,
            'route, queue_name',
            $bind
        );
        $agentRows = $this->select(
            'agent_user_id, agent_user_id AS k, SUM(calls) AS calls, SUM(answered) AS answered,'
            . ' SUM(transfers_in) AS transfers_in, SUM(talk_s) AS talk_s',
            $oneAgent ? Rollups::ROUTE_AGENT : Rollups::AGENT,
            $where,
            'agent_user_id',
            $bind
        );
        $heatmap = $this->figures->heatmap(array_map(
            static fn (array $row): array => [
                'dow' => $row['dow'],
                'hour' => $row['hour'],
                'calls' => $row['calls'],
                'missed' => (int)$row['missed'] + (int)$row['abandoned'],
            ],
            $hours
        ));
        return $this->figures->assemble($filter, [
            'totals' => $this->figures->totals($this->sum($hours)),
            'heatmap' => $heatmap,
            'daily' => $this->figures->daily($filter, $this->byDate($hours)),
            'byRoute' => $this->figures->groups($this->rollUp($groups, 'route', Figures::SUMS)),
            'byQueue' => $this->figures->groups($this->rollUp($groups, 'queue_name', Figures::SUMS)),
            'byAgent' => $this->figures->agents(
                $agentRows,
                $this->names->agents(array_column($agentRows, 'agent_user_id'))
            ),
            'missedHours' => $this->figures->missedHours($heatmap),
            'sales' => $this->sales($filter),
            'campaigns' => $this->figures->campaigns($this->campaignRows($filter)),
            'unknownCallers' => $this->figures->unknownCallers($this->unknownRows($filter)),
        ]);
    }

    /**
     * Days in which an order counts as sold by a call (bandeau/analytics/sale_window_days, 7 when unset).
     *
     * @return int
     */
    public function windowDays(): int
    {
        $days = (int)$this->scopeConfig->getValue(self::XML_PATH_SALE_WINDOW_DAYS);
        return $days > 0 ? $days : self::DEFAULT_SALE_WINDOW_DAYS;
    }

    /**
     * The "calls that sold" block from bandeau_call_sale: one read of the range (from its covering
     * index) grouped by agent, route and campaign, summed again per block in PHP (revenue in
     * ten-thousandths, the column's scale, so the sums stay exact).
     *
     * @param StatsFilter $filter
     * @return array<string, mixed>
     */
    private function sales(StatsFilter $filter): array
    {
        [$where, $bind] = $this->where($filter, 'call_local_date', true);
        $rows = $this->select(
            'agent_user_id, route, campaign_id, COUNT(*) AS orders, SUM(revenue) AS revenue',
            self::SALE,
            $where,
            'agent_user_id, route, campaign_id',
            $bind
        );
        $total = ['orders' => 0, 'revenue' => 0];
        $groups = ['agent' => [], 'route' => [], 'campaign' => []];
        foreach ($rows as $row) {
            $orders = (int)$row['orders'];
            $revenue = (int)round((float)$row['revenue'] * 10000);
            $total['orders'] += $orders;
            $total['revenue'] += $revenue;
            foreach (self::SALE_GROUPS as $name => $column) {
                $key = (string)$row[$column];
                $groups[$name][$key] ??= ['k' => $row[$column], 'orders' => 0, 'revenue' => 0];
                $groups[$name][$key]['orders'] += $orders;
                $groups[$name][$key]['revenue'] += $revenue;
            }
        }
        $total['revenue'] /= 10000;
        foreach ($groups as $name => $byKey) {
            $groups[$name] = array_map(
                static fn (array $g): array => ['revenue' => $g['revenue'] / 10000] + $g,
                array_values($byKey)
            );
        }
        return $this->figures->sales(
            $this->windowDays(),
            $total,
            $groups,
            $this->names->agents(array_column($groups['agent'], 'k')),
            $this->names->campaigns(array_column($groups['campaign'], 'k'))
        );
    }

    /**
     * Campaigns built (else created) in the range, their called and never-called (hold-out) contacts
     * and how many of each ordered within the campaign's conversion days after the first call, or after
     * the build for the hold-out. Canceled orders do not count.
     *
     * @param StatsFilter $filter
     * @return array<int, array<string, mixed>>
     */
    private function campaignRows(StatsFilter $filter): array
    {
        $zone = $this->reportingZone->zone();
        $from = new \DateTimeImmutable($filter->from . ' 00:00:00', $zone);
        $to = (new \DateTimeImmutable($filter->to . ' 00:00:00', $zone))->modify('+1 day');
        $order = $this->table('sales_order');
        $converted = static fn (string $since): string => 'EXISTS (SELECT 1 FROM ' . $order . ' o'
            . ' WHERE o.customer_id = k.customer_id AND (o.state IS NULL OR o.state <> \'canceled\')'
            . ' AND o.created_at >= ' . $since . ' AND o.created_at < ' . $since
            . ' + INTERVAL c.conversion_days DAY)';
        $built = 'COALESCE(c.built_at, c.created_at)';
        return $this->connection()->fetchAll(
            'SELECT c.campaign_id, c.name,'
            . ' COUNT(k.first_contacted_at) AS called,'
            . ' COALESCE(SUM(k.first_contacted_at IS NOT NULL AND ' . $converted('k.first_contacted_at') . '), 0)'
            . '   AS called_converted,'
            . ' COALESCE(SUM(k.contact_id IS NOT NULL AND k.first_contacted_at IS NULL), 0) AS holdout,'
            . ' COALESCE(SUM(k.contact_id IS NOT NULL AND k.first_contacted_at IS NULL AND '
            . $converted($built) . '), 0) AS holdout_converted'
            . ' FROM ' . $this->table('bandeau_campaign') . ' c'
            . ' LEFT JOIN ' . $this->table('bandeau_campaign_contact') . ' k ON k.campaign_id = c.campaign_id'
            . ' WHERE ' . $built . ' >= ? AND ' . $built . ' < ?'
            . ' GROUP BY c.campaign_id, c.name',
            [gmdate('Y-m-d H:i:s', $from->getTimestamp()), gmdate('Y-m-d H:i:s', $to->getTimestamp())]
        );
    }

    /**
     * Top callers without an account in the range (inbound only: none for another direction).
     *
     * A year holds hundreds of thousands of (date, number) rows, most of them numbers that called once.
     * So the numbers are read by decreasing lifetime calls (bandeau_call_stat_unknown_total, never
     * below a number's calls in any range), a batch at a time, until the last of the top
     * UNKNOWN_CALLERS found has more calls in the range than any number not read yet can have: the
     * same list as grouping the whole range, from a few hundred numbers. Past MAX_CANDIDATES numbers
     * (a range where nobody called often), the whole range is grouped.
     *
     * @param StatsFilter $filter
     * @return array<int, array<string, mixed>>
     */
    private function unknownRows(StatsFilter $filter): array
    {
        if ($filter->direction !== '' && $filter->direction !== 'inbound') {
            return [];
        }
        [$where, $bind] = $this->where($filter, 'local_date', false);
        $sql = 'SELECT party_key AS number, SUM(calls) AS calls, SUM(missed) AS missed,'
            . ' MAX(last_call_at) AS last_call_at FROM ' . $this->table(self::UNKNOWN) . ' WHERE ' . $where;
        $connection = $this->connection();
        $found = [];
        $read = 0;
        for ($batch = 2 * self::UNKNOWN_CALLERS; $read < self::MAX_CANDIDATES; $batch *= 4) {
            $candidates = $connection->fetchAll(
                'SELECT party_key, calls FROM ' . $this->table(self::UNKNOWN_TOTAL)
                . ' ORDER BY calls DESC, party_key DESC LIMIT ' . $batch . ' OFFSET ' . $read
            );
            $read += $batch;
            if ($candidates !== []) {
                $keys = array_map('strval', array_column($candidates, 'party_key'));
                $rows = $connection->fetchAll(
                    $sql . ' AND party_key IN (' . implode(', ', array_fill(0, count($keys), '?')) . ')'
                    . ' GROUP BY party_key',
                    array_merge($bind, $keys)
                );
                foreach ($rows as $row) {
                    $found[(string)$row['number']] = $row;
                }
            }
            $top = $this->topUnknown($found);
            // Every number not read yet has at most $bound calls in all, so fewer than the top's last.
            $bound = $candidates === [] ? 0 : (int)$candidates[count($candidates) - 1]['calls'];
            $settled = count($top) === self::UNKNOWN_CALLERS && (int)$top[count($top) - 1]['calls'] > $bound;
            if ($settled || count($candidates) < $batch) {
                return $top;
            }
        }
        return $connection->fetchAll(
            $sql . ' GROUP BY party_key ORDER BY calls DESC, party_key ASC LIMIT ' . self::UNKNOWN_CALLERS,
            $bind
        );
    }

    /**
     * The first UNKNOWN_CALLERS rows by calls desc, then number asc (as the SQL orders them).
     *
     * @param array<string, array<string, mixed>> $rows
     * @return array<int, array<string, mixed>>
     */
    private function topUnknown(array $rows): array
    {
        $rows = array_values($rows);
        usort(
            $rows,
            static fn (array $a, array $b): int => ((int)$b['calls'] <=> (int)$a['calls'])
                ?: strcmp((string)$a['number'], (string)$b['number'])
        );
        return array_slice($rows, 0, self::UNKNOWN_CALLERS);
    }

    /**
     * The WHERE clause of the range (and of store, direction and agent when $dimensions) with its binds.
     *
     * @param StatsFilter $filter
     * @param string $dateColumn
     * @param bool $dimensions
     * @return array{0: string, 1: array<int, int|string>}
     */
    private function where(StatsFilter $filter, string $dateColumn, bool $dimensions): array
    {
        $where = $dateColumn . ' BETWEEN ? AND ?';
        $bind = [$filter->from, $filter->to];
        if ($dimensions) {
            foreach (['store_id' => $filter->storeId, 'agent_user_id' => $filter->agentUserId] as $column => $id) {
                if ($id > 0) {
                    $where .= ' AND ' . $column . ' = ?';
                    $bind[] = $id;
                }
            }
            if ($filter->direction !== '') {
                $where .= ' AND direction = ?';
                $bind[] = $filter->direction;
            }
        }
        return [$where, $bind];
    }

    /**
     * SELECT $columns FROM $table WHERE $where [GROUP BY $groupBy].
     *
     * @param string $columns
     * @param string $table
     * @param string $where
     * @param string $groupBy
     * @param array<int, int|string> $bind
     * @return array<int, array<string, mixed>>
     */
    private function select(string $columns, string $table, string $where, string $groupBy, array $bind): array
    {
        return $this->connection()->fetchAll(
            'SELECT ' . $columns . ' FROM ' . $this->table($table) . ' WHERE ' . $where
            . ($groupBy !== '' ? ' GROUP BY ' . $groupBy : ''),
            $bind
        );
    }

    /**
     * Rows grouped by route, queue and agent summed again by one of those columns, as `k` (and the
     * column's own name) with the given sums.
     *
     * @param array<int, array<string, mixed>> $groups
     * @param string $column
     * @param string[] $sums
     * @return array<int, array<string, mixed>>
     */
    private function rollUp(array $groups, string $column, array $sums): array
    {
        $out = [];
        foreach ($groups as $row) {
            $key = (string)$row[$column];
            $out[$key] ??= ['k' => $row[$column], $column => $row[$column]] + array_fill_keys($sums, 0);
            foreach ($sums as $sum) {
                $out[$key][$sum] += (int)$row[$sum];
            }
        }
        return array_values($out);
    }

    /**
     * The hourly rows summed over the whole range.
     *
     * @param array<int, array<string, mixed>> $hours
     * @return array<string, int>
     */
    private function sum(array $hours): array
    {
        $sums = array_fill_keys(Figures::SUMS, 0);
        foreach ($hours as $row) {
            foreach (Figures::SUMS as $key) {
                $sums[$key] += (int)$row[$key];
            }
        }
        return $sums;
    }

    /**
     * The hourly rows summed per local date.
     *
     * @param array<int, array<string, mixed>> $hours
     * @return array<int, array<string, mixed>>
     */
    private function byDate(array $hours): array
    {
        $days = [];
        foreach ($hours as $row) {
            $date = (string)$row['local_date'];
            $days[$date] ??= ['local_date' => $date] + array_fill_keys(Figures::SUMS, 0);
            foreach (Figures::SUMS as $key) {
                $days[$date][$key] += (int)$row[$key];
            }
        }
        return array_values($days);
    }

    /**
     * The connection the tables live on.
     *
     * @return AdapterInterface
     */
    private function connection(): AdapterInterface
    {
        return $this->resource->getConnection();
    }

    /**
     * The quoted, prefixed name of a table.
     *
     * @param string $table
     * @return string
     */
    private function table(string $table): string
    {
        return $this->connection()->quoteIdentifier($this->resource->getTableName($table));
    }
}
