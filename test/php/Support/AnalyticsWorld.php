<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Bandeau\Cti\Model\Analytics\Aggregator;
use Bandeau\Cti\Model\Analytics\AnalyticsState;
use Bandeau\Cti\Model\Analytics\CallBucketSql;
use Bandeau\Cti\Model\Analytics\CatchUp;
use Bandeau\Cti\Model\Analytics\Rebuilder;
use Bandeau\Cti\Model\Analytics\ReportingZone;
use Bandeau\Cti\Model\Analytics\Rollups;
use Bandeau\Cti\Model\Analytics\SaleAttribution;
use Bandeau\Cti\Model\Analytics\ZoneOffsets;
use Magento\Framework\App\ResourceConnection;

/**
 * The analytics maintenance classes wired on a test database, a generator of calls and orders
 * around the zone's DST change days, and an oracle: the expected contents of the three tables
 * computed by direct SQL over the raw rows, with each call's local time computed per row in PHP
 * (DateTime) and, when the server has its time zone tables, checked against CONVERT_TZ.
 */
final class AnalyticsWorld
{
    public readonly ArrayScopeConfig $config;
    public readonly ReportingZone $zone;
    public readonly ZoneOffsets $offsets;
    public readonly CallBucketSql $sql;
    public readonly SaleAttribution $sales;
    public readonly Aggregator $aggregator;
    public readonly AnalyticsState $state;
    public readonly Rebuilder $rebuilder;
    public readonly CatchUp $catchUp;

    /** Agents: user id => extension. */
    public const AGENTS = [1 => '101', 2 => '102', 3 => '103'];

    private int $nextCall = 1;

    public function __construct(private ResourceConnection $resource, string $zone, int $windowDays = 7)
    {
        $this->config = new ArrayScopeConfig([
            ReportingZone::XML_PATH_TIMEZONE => $zone,
            SaleAttribution::XML_PATH_WINDOW_DAYS => (string)$windowDays,
        ]);
        $this->zone = new ReportingZone($this->config);
        $this->offsets = new ZoneOffsets();
        $this->sql = new CallBucketSql($resource);
        $this->sales = new SaleAttribution($resource, $this->sql, $this->offsets, $this->zone, $this->config);
        $this->aggregator = new Aggregator(
            $resource,
            $this->sql,
            $this->offsets,
            $this->zone,
            $this->sales,
            new Rollups($resource)
        );
        $this->state = new AnalyticsState($resource);
        $this->rebuilder = new Rebuilder(
            $resource,
            $this->sql,
            $this->offsets,
            $this->zone,
            $this->sales,
            $this->state,
            new Rollups($resource)
        );
        $this->catchUp = new CatchUp($resource, $this->state, $this->aggregator, $this->sales, $this->rebuilder, $this->zone);
    }

    private function db(): PdoAdapter
    {
        return $this->resource->getConnection();
    }

    /** Agents with extensions, 20 customers over stores 0-2 and one without a store, 5 orders to link calls to. */
    public function seedPeople(): void
    {
        foreach (self::AGENTS as $id => $extension) {
            $this->db()->query(
                'INSERT INTO admin_user (user_id, username, firstname, lastname, bandeau_extension) VALUES (?, ?, ?, ?, ?)',
                [$id, 'agent' . $id, 'Agent', (string)$id, $extension]
            );
        }
        for ($id = 1; $id <= 20; $id++) {
            $this->db()->query(
                'INSERT INTO customer_entity (entity_id, email, store_id) VALUES (?, ?, ?)',
                [$id, "c$id@example.com", $id % 3]
            );
        }
        // Customer 21 has no store view: its calls count in store 0, even those linked to an order.
        $this->db()->query("INSERT INTO customer_entity (entity_id, email, store_id) VALUES (21, 'c21@example.com', NULL)");
        for ($id = 9001; $id <= 9005; $id++) {
            $this->db()->query(
                'INSERT INTO sales_order (entity_id, increment_id, customer_id, state, store_id, base_grand_total, created_at)'
                . " VALUES (?, ?, NULL, 'complete', ?, 10, '2020-01-01 00:00:00')",
                [$id, (string)$id, 1 + $id % 2]
            );
        }
    }

    /**
     * Inserts one call row; $row overrides the defaults (an answered inbound call of 60 s).
     *
     * @return int entity id
     */
    public function call(array $row): int
    {
        $start = $row['started_at'] ?? '2026-01-15 10:00:00';
        $n = $this->nextCall++;
        $defaults = [
            'call_id' => 'call-' . $n,
            'direction' => 'inbound',
            'started_at' => $start,
            'answered_at' => null,
            'ended_at' => null,
            'disposition' => 'answered',
            'talk_s' => 0,
            'duration_s' => 0,
        ];
        $row += $defaults;
        if ($row['disposition'] === 'answered' && $row['answered_at'] === null) {
            $row['answered_at'] = gmdate('Y-m-d H:i:s', strtotime($start . ' UTC') + 5);
        }
        $columns = array_keys($row);
        $this->db()->query(
            sprintf(
                'INSERT INTO bandeau_call (%s) VALUES (%s)',
                implode(', ', $columns),
                implode(', ', array_fill(0, count($columns), '?'))
            ),
            array_values($row)
        );
        return (int)$this->db()->lastInsertId();
    }

    /** @return int order id */
    public function order(int $id, ?int $customerId, string $createdAt, float $total, string $state = 'new', int $storeId = 1): int
    {
        $this->db()->query(
            'INSERT INTO sales_order (entity_id, increment_id, customer_id, state, status, store_id, base_grand_total, created_at)'
            . ' VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [$id, (string)$id, $customerId, $state, $state, $storeId, $total, $createdAt]
        );
        return $id;
    }

    /**
     * Random calls and orders (seeded) around the zone's DST change days of 2026, a month boundary
     * and ordinary days: every direction and disposition, in-progress calls, queues, routes,
     * campaigns, transfers to agents and outside, customers, linked orders, unknown callers,
     * calls spanning midnight, and orders placed around each customer's calls (some canceled,
     * some exactly at the window edge).
     *
     * @return array{calls: int[], orders: int[]}
     */
    public function generate(int $calls, int $seed, int $firstOrderId = 1000): array
    {
        mt_srand($seed);
        $zone = new \DateTimeZone($this->zone->zone()->getName());
        $days = array_values(array_unique(array_merge($this->dstDays($zone), ['2026-01-31', '2026-02-01', '2026-06-30', '2026-07-01'])));
        $pick = static fn (array $a) => $a[mt_rand(0, count($a) - 1)];
        $ids = [];
        $windowDays = $this->sales->windowDays();
        $orders = [];
        $orderId = $firstOrderId;
        for ($i = 0; $i < $calls; $i++) {
            $local = new \DateTimeImmutable($pick($days) . ' 00:00:00', $zone);
            // Local midnight plus a random number of seconds: the DST hours are dense, and some calls start before midnight.
            $start = $local->getTimestamp() + mt_rand(-3600, 26 * 3600);
            if (mt_rand(0, 9) === 0) {
                $start = $local->getTimestamp() + mt_rand(0, 7200) + 3600; // the DST change's night
            }
            $disposition = $pick(['answered', 'answered', 'answered', 'missed', 'abandoned', 'busy', 'failed', 'voicemail', null]);
            $direction = $pick(['inbound', 'inbound', 'outbound', 'internal']);
            $customer = mt_rand(0, 2) === 0 ? null : mt_rand(1, 21);
            $answered = $disposition === 'answered' ? $start + mt_rand(0, 45) : null;
            $talk = $disposition === 'answered' ? mt_rand(1, 1800) : 0;
            $transfer = $disposition === 'answered' && mt_rand(0, 4) === 0 ? $pick(['102', '103', '+33999999999', '']) : null;
            $id = $this->call([
                'direction' => $direction,
                'started_at' => gmdate('Y-m-d H:i:s', $start),
                'answered_at' => $answered === null ? null : gmdate('Y-m-d H:i:s', $answered),
                'ended_at' => gmdate('Y-m-d H:i:s', ($answered ?? $start) + $talk + mt_rand(0, 30)),
                'talk_s' => $talk,
                'disposition' => $disposition,
                'agent_user_id' => $disposition === 'answered' && mt_rand(0, 5) > 0 ? mt_rand(1, 3) : null,
                'customer_id' => $customer,
                'order_id' => mt_rand(0, 6) === 0 ? mt_rand(9001, 9005) : null,
                'campaign_id' => $direction === 'outbound' && mt_rand(0, 1) ? mt_rand(1, 2) : null,
                'queue_name' => $direction === 'inbound' ? $pick([null, 'sales', 'support']) : null,
                'wait_s' => $direction === 'inbound' && mt_rand(0, 1) ? mt_rand(0, 300) : null,
                'route' => $direction === 'inbound' ? $pick([null, 'vip', 'sales']) : null,
                'party_key' => $direction === 'internal' ? null : '+3310000000' . mt_rand(1, 8),
                'transferred_to' => $transfer,
            ]);
            $ids[] = $id;
            if ($customer !== null && mt_rand(0, 2) === 0) {
                $after = $pick([60, 3600, 86400, $windowDays * 86400, $windowDays * 86400 + 1, -60, 0]);
                $orders[] = $this->order(
                    $orderId++,
                    $customer,
                    gmdate('Y-m-d H:i:s', $start + $after),
                    mt_rand(100, 99999) / 100,
                    mt_rand(0, 5) === 0 ? 'canceled' : 'new'
                );
            }
        }
        // A guest order, never attributed.
        $orders[] = $this->order($orderId, null, '2026-03-29 12:00:00', 50.0);
        return ['calls' => $ids, 'orders' => $orders];
    }

    /** @return string[] the local dates of the zone's DST changes in 2026 */
    public function dstDays(\DateTimeZone $zone): array
    {
        $days = [];
        foreach ($zone->getTransitions(strtotime('2026-01-01 UTC'), strtotime('2027-01-01 UTC')) as $i => $t) {
            if ($i > 0) {
                $days[] = (new \DateTimeImmutable('@' . $t['ts']))->setTimezone($zone)->format('Y-m-d');
            }
        }
        return $days;
    }

    /**
     * The three tables, sorted, as lists of string rows.
     *
     * @return array{hourly: array, unknown: array, sales: array}
     */
    public function snapshot(): array
    {
        return [
            'hourly' => $this->db()->fetchAll(
                'SELECT local_date, hour, store_id, direction, agent_user_id, route, queue_name, campaign_id, calls,'
                . ' answered, missed, abandoned, other, ring_s, talk_s, wait_s, transfers_out, transfers_in'
                . ' FROM bandeau_call_stat_hourly ORDER BY 1, 2, 3, 4, 5, 6, 7, 8'
            ),
            'unknown' => $this->db()->fetchAll(
                'SELECT local_date, party_key, calls, missed, last_call_at FROM bandeau_call_stat_unknown ORDER BY 1, 2'
            ),
            'sales' => $this->db()->fetchAll(
                'SELECT order_id, call_entity_id, customer_id, call_local_date, store_id, direction, agent_user_id,'
                . ' route, campaign_id, order_created_at, revenue FROM bandeau_call_sale ORDER BY 1'
            ),
        ];
    }

    /**
     * Each rollup (Rollups::KEYS) as it is and as bandeau_call_stat_hourly grouped by its key gives,
     * and each unknown number's total as it is and as its daily rows sum.
     *
     * @return array<string, array{0: array, 1: array}> table => [held, expected]
     */
    public function rollupsAndExpected(): array
    {
        $out = [];
        foreach (Rollups::KEYS as $table => $keys) {
            $key = implode(', ', $keys);
            $measures = implode(', ', Rollups::MEASURES);
            $sums = implode(', ', array_map(static fn (string $m): string => 'SUM(' . $m . ') AS ' . $m, Rollups::MEASURES));
            $out[$table] = [
                $this->db()->fetchAll("SELECT $key, $measures FROM $table ORDER BY $key"),
                $this->db()->fetchAll("SELECT $key, $sums FROM bandeau_call_stat_hourly GROUP BY $key ORDER BY $key"),
            ];
        }
        $out['bandeau_call_stat_unknown_total'] = [
            $this->db()->fetchAll(
                'SELECT t.party_key, t.calls FROM bandeau_call_stat_unknown_total t'
                . ' WHERE t.party_key IN (SELECT party_key FROM bandeau_call_stat_unknown) ORDER BY 1'
            ),
            $this->db()->fetchAll(
                'SELECT party_key, SUM(calls) AS calls FROM bandeau_call_stat_unknown GROUP BY party_key ORDER BY 1'
            ),
        ];
        return $out;
    }

    /**
     * What the three tables must hold, by direct SQL over the raw calls and orders. Each call's
     * local start is computed in PHP (DateTime, per row) into a temporary table; when the server
     * has named time zones, CONVERT_TZ must agree with it for every call.
     *
     * @return array{hourly: array, unknown: array, sales: array}
     */
    public function oracle(): array
    {
        $db = $this->db();
        $zone = $this->zone->zone();
        $db->query('DROP TEMPORARY TABLE IF EXISTS oracle_local');
        $db->query('CREATE TEMPORARY TABLE oracle_local (entity_id INT UNSIGNED PRIMARY KEY, local_at DATETIME NOT NULL)');
        foreach (array_chunk($db->fetchAll('SELECT entity_id, started_at FROM bandeau_call'), 500) as $chunk) {
            $values = [];
            foreach ($chunk as $row) {
                $values[] = (int)$row['entity_id'];
                $values[] = (new \DateTimeImmutable($row['started_at'], new \DateTimeZone('UTC')))
                    ->setTimezone($zone)->format('Y-m-d H:i:s');
            }
            $db->query(
                'INSERT INTO oracle_local VALUES ' . implode(', ', array_fill(0, count($chunk), '(?, ?)')),
                $values
            );
        }
        if ($db->fetchOne("SELECT CONVERT_TZ('2026-01-01 00:00:00', 'UTC', ?)", [$zone->getName()]) !== null) {
            $disagree = $db->fetchOne(
                "SELECT COUNT(*) FROM bandeau_call c JOIN oracle_local l USING (entity_id)"
                . " WHERE CONVERT_TZ(c.started_at, 'UTC', ?) <> l.local_at",
                [$zone->getName()]
            );
            if ((int)$disagree !== 0) {
                throw new \RuntimeException("$disagree calls: PHP's local time differs from CONVERT_TZ");
            }
        }
        $store = 'IF(c.customer_id IS NULL, IF(c.order_id IS NULL, 0, IFNULL(so.store_id, 0)), IFNULL(ce.store_id, 0))';
        $joins = ' JOIN oracle_local l ON l.entity_id = c.entity_id'
            . ' LEFT JOIN customer_entity ce ON ce.entity_id = c.customer_id'
            . ' LEFT JOIN sales_order so ON so.entity_id = c.order_id';
        $hourly = $db->fetchAll(
            'SELECT local_date, hour, store_id, direction, agent_user_id, route, queue_name, campaign_id,'
            . ' SUM(calls) AS calls, SUM(answered) AS answered, SUM(missed) AS missed, SUM(abandoned) AS abandoned,'
            . ' SUM(other) AS other, SUM(ring_s) AS ring_s, SUM(talk_s) AS talk_s, SUM(wait_s) AS wait_s,'
            . ' SUM(transfers_out) AS transfers_out, SUM(transfers_in) AS transfers_in FROM ('
            // one row per ended call, on its answering agent
            . " SELECT DATE(l.local_at) AS local_date, EXTRACT(HOUR FROM l.local_at) AS hour, $store AS store_id,"
            . " c.direction, IFNULL(c.agent_user_id, 0) AS agent_user_id, IFNULL(c.route, '') AS route,"
            . " IFNULL(c.queue_name, '') AS queue_name, IFNULL(c.campaign_id, 0) AS campaign_id, 1 AS calls,"
            . " c.disposition = 'answered' AS answered, c.disposition = 'missed' AS missed,"
            . " c.disposition = 'abandoned' AS abandoned, c.disposition IN ('busy', 'failed', 'voicemail') AS other,"
            . " CASE WHEN c.disposition = 'answered' AND c.answered_at > c.started_at"
            . ' THEN UNIX_TIMESTAMP(c.answered_at) - UNIX_TIMESTAMP(c.started_at) ELSE 0 END AS ring_s,'
            . ' c.talk_s, IFNULL(c.wait_s, 0) AS wait_s,'
            . " CASE WHEN IFNULL(c.transferred_to, '') = '' THEN 0 ELSE 1 END AS transfers_out, 0 AS transfers_in"
            . " FROM bandeau_call c $joins WHERE c.disposition IS NOT NULL"
            . ' UNION ALL'
            // one more row per transfer to an agent's extension, on that agent
            . " SELECT DATE(l.local_at), EXTRACT(HOUR FROM l.local_at), $store, c.direction, u.user_id,"
            . " IFNULL(c.route, ''), IFNULL(c.queue_name, ''), IFNULL(c.campaign_id, 0), 0, 0, 0, 0, 0, 0, 0, 0, 0, 1"
            . " FROM bandeau_call c $joins JOIN admin_user u ON u.bandeau_extension = c.transferred_to"
            . ' WHERE c.disposition IS NOT NULL'
            . ') x GROUP BY local_date, hour, store_id, direction, agent_user_id, route, queue_name, campaign_id'
            . ' ORDER BY 1, 2, 3, 4, 5, 6, 7, 8'
        );
        $unknown = $db->fetchAll(
            'SELECT DATE(l.local_at) AS local_date, c.party_key, COUNT(*) AS calls,'
            . " SUM(c.disposition IN ('missed', 'abandoned')) AS missed, MAX(c.started_at) AS last_call_at"
            . ' FROM bandeau_call c JOIN oracle_local l ON l.entity_id = c.entity_id'
            . " WHERE c.direction = 'inbound' AND c.customer_id IS NULL AND c.party_key IS NOT NULL"
            . ' AND c.disposition IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2'
        );
        $days = $this->sales->windowDays();
        $sales = $db->fetchAll(
            "SELECT o.entity_id AS order_id, c.entity_id AS call_entity_id, o.customer_id,"
            . " DATE(l.local_at) AS call_local_date, $store AS store_id, c.direction,"
            . " IFNULL(c.agent_user_id, 0) AS agent_user_id, IFNULL(c.route, '') AS route,"
            . ' IFNULL(c.campaign_id, 0) AS campaign_id, o.created_at AS order_created_at,'
            . ' IFNULL(o.base_grand_total, 0) AS revenue'
            . ' FROM sales_order o'
            . ' JOIN bandeau_call c ON c.customer_id = o.customer_id'
            . " AND c.disposition = 'answered' AND c.started_at < o.created_at"
            . ' AND UNIX_TIMESTAMP(o.created_at) - UNIX_TIMESTAMP(c.started_at) <= ' . ($days * 86400)
            . " $joins"
            . " WHERE IFNULL(o.state, '') <> 'canceled'"
            . ' AND NOT EXISTS (SELECT 1 FROM bandeau_call n WHERE n.customer_id = o.customer_id'
            . " AND n.disposition = 'answered' AND n.started_at < o.created_at"
            . ' AND UNIX_TIMESTAMP(o.created_at) - UNIX_TIMESTAMP(n.started_at) <= ' . ($days * 86400)
            . ' AND (n.started_at > c.started_at OR (n.started_at = c.started_at AND n.entity_id > c.entity_id)))'
            . ' ORDER BY 1'
        );
        return ['hourly' => $hourly, 'unknown' => $unknown, 'sales' => $sales];
    }
}
