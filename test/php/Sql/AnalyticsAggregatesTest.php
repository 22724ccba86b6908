<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Test\Support\AnalyticsWorld;
use PHPUnit\Framework\Attributes\DataProvider;

/**
 * The analytics aggregates on MariaDB equal what direct SQL over the raw calls gives (local times
 * computed per row in PHP and checked against CONVERT_TZ), in non-UTC zones across both DST change
 * days, whether built by the rebuild or call by call, and the rules the dashboard rests on.
 */
class AnalyticsAggregatesTest extends SqlTestCase
{
    private function world(string $zone, int $windowDays = 7): AnalyticsWorld
    {
        $world = new AnalyticsWorld($this->resource, $zone, $windowDays);
        $world->seedPeople();
        return $world;
    }

    public static function zones(): array
    {
        return ['Europe/Paris' => ['Europe/Paris'], 'America/New_York' => ['America/New_York'], 'UTC' => ['UTC']];
    }

    #[DataProvider('zones')]
    public function testRebuildEqualsDirectSqlOverTheRawCalls(string $zone): void
    {
        $world = $this->world($zone);
        $world->generate(600, 16);
        $totals = $world->rebuilder->rebuild();

        $oracle = $world->oracle();
        self::assertGreaterThan(100, count($oracle['hourly']));
        self::assertGreaterThan(10, count($oracle['unknown']));
        self::assertGreaterThan(10, count($oracle['sales']));
        self::assertEquals($oracle, $world->snapshot());
        self::assertSame(count($oracle['sales']), $totals['sales']);
        self::assertSame(
            (int)$this->db->fetchOne('SELECT COUNT(*) FROM bandeau_call WHERE disposition IS NOT NULL'),
            (int)$this->db->fetchOne('SELECT SUM(calls) FROM bandeau_call_stat_hourly'),
            'every ended call counted once'
        );
    }

    #[DataProvider('zones')]
    public function testCallByCallMaintenanceEqualsTheRebuild(string $zone): void
    {
        $world = $this->world($zone);
        $first = $world->generate(300, 7, 1000);
        // Calls recorded one by one (some twice: the bridge redelivers), then orders placed.
        $ids = $first['calls'];
        shuffle($ids);
        foreach ($ids as $i => $id) {
            $world->aggregator->refreshEntities($i % 5 === 0 ? [$id, $id] : [$id]);
        }
        $world->aggregator->refreshEntities(array_slice($ids, 0, 50));
        foreach ($first['orders'] as $orderId) {
            $world->sales->refreshOrders([$orderId]);
        }
        // Later calls, some before those orders: they can win an order already attributed.
        $second = $world->generate(200, 8, 5000);
        foreach ($second['orders'] as $orderId) {
            $world->sales->refreshOrders([$orderId]);
        }
        foreach ($second['calls'] as $id) {
            $world->aggregator->refreshEntities([$id]);
        }
        // Wrap-ups and a late disposition on recorded calls, each refreshed again.
        $changed = array_slice($ids, 0, 40);
        $this->db->query(
            "UPDATE bandeau_call SET note = 'wrapped', outcome = 'Order placed' WHERE entity_id IN ("
            . implode(', ', $changed) . ')'
        );
        $this->db->query(
            "UPDATE bandeau_call SET disposition = 'missed', answered_at = NULL, talk_s = 0, agent_user_id = NULL"
            . ' WHERE disposition IS NULL AND entity_id IN (' . implode(', ', $ids) . ')'
        );
        $world->aggregator->refreshEntities($ids);
        $world->aggregator->refreshEntities($changed);

        $incremental = $world->snapshot();
        self::assertEquals($world->oracle(), $incremental);
        foreach ($world->rollupsAndExpected() as $table => [$held, $expected]) {
            self::assertNotEmpty($held, $table);
            self::assertEquals($expected, $held, $table . ' follows the hourly rows call by call');
        }
        $world->rebuilder->rebuild();
        self::assertEquals($incremental, $world->snapshot(), 'rebuild and call-by-call give the same tables');
        foreach ($world->rollupsAndExpected() as $table => [$held, $expected]) {
            self::assertEquals($expected, $held, $table . ' after the rebuild');
        }
    }

    public function testSpringForwardSkipsAnHourAndFallBackPutsBothUtcHoursInTheRepeatedHour(): void
    {
        $world = $this->world('Europe/Paris');
        // 2026-03-29: 02:00 local does not exist (01:00 UTC is 03:00 CEST).
        $world->call(['started_at' => '2026-03-29 00:59:59']); // 01:59:59 CET
        $world->call(['started_at' => '2026-03-29 01:00:00']); // 03:00:00 CEST
        // 2026-10-25: 02:00-03:00 local happens twice (00:00-01:00 UTC in CEST, 01:00-02:00 UTC in CET).
        $a = $world->call(['started_at' => '2026-10-25 00:30:00']);
        $b = $world->call(['started_at' => '2026-10-25 01:30:00', 'disposition' => 'missed']);
        $world->call(['started_at' => '2026-10-25 02:00:00']); // 03:00 CET
        $world->rebuilder->rebuild();

        self::assertSame(
            [
                ['2026-03-29', '1', '1'], ['2026-03-29', '3', '1'],
                ['2026-10-25', '2', '2'], ['2026-10-25', '3', '1'],
            ],
            array_map('array_values', $this->db->fetchAll(
                'SELECT local_date, hour, SUM(calls) FROM bandeau_call_stat_hourly GROUP BY 1, 2 ORDER BY 1, 2'
            ))
        );
        self::assertSame(['calls' => '2', 'answered' => '1', 'missed' => '1'], $this->row(
            "SELECT SUM(calls) AS calls, SUM(answered) AS answered, SUM(missed) AS missed FROM bandeau_call_stat_hourly"
            . " WHERE local_date = '2026-10-25' AND hour = 2"
        ));
        // The repeated hour refreshed from either call holds both.
        $world->aggregator->refreshEntities([$b]);
        $world->aggregator->refreshEntities([$a]);
        self::assertSame('2', $this->db->fetchOne(
            "SELECT SUM(calls) FROM bandeau_call_stat_hourly WHERE local_date = '2026-10-25' AND hour = 2"
        ));
        self::assertEquals($world->oracle(), $world->snapshot());
    }

    public function testNewYorkDstDaysAndACallSpanningMidnightCountsOnItsStartDay(): void
    {
        $world = $this->world('America/New_York');
        $world->call(['started_at' => '2026-03-08 06:59:00']); // 01:59 EST
        $world->call(['started_at' => '2026-03-08 07:00:00']); // 03:00 EDT
        $world->call(['started_at' => '2026-11-01 05:10:00']); // 01:10 EDT
        $world->call(['started_at' => '2026-11-01 06:10:00']); // 01:10 EST
        // 23:50 on 1 July to 00:20 on 2 July, New York time.
        $world->call([
            'started_at' => '2026-07-02 03:50:00', 'ended_at' => '2026-07-02 04:20:00', 'talk_s' => 1795,
        ]);
        $world->rebuilder->rebuild();
        self::assertSame(
            [
                ['2026-03-08', '1', '1'], ['2026-03-08', '3', '1'], ['2026-07-01', '23', '1'],
                ['2026-11-01', '1', '2'],
            ],
            array_map('array_values', $this->db->fetchAll(
                'SELECT local_date, hour, SUM(calls) FROM bandeau_call_stat_hourly GROUP BY 1, 2 ORDER BY 1, 2'
            ))
        );
        self::assertSame('1795', $this->db->fetchOne(
            "SELECT talk_s FROM bandeau_call_stat_hourly WHERE local_date = '2026-07-01'"
        ));
    }

    public function testATransferredCallCountsOnceAndCreditsTheTargetAgent(): void
    {
        $world = $this->world('Europe/Paris');
        $this->insert('customer_entity', ['entity_id' => 50, 'email' => 'x@example.com', 'store_id' => 2]);
        $id = $world->call([
            'started_at' => '2026-05-04 08:10:00', 'answered_at' => '2026-05-04 08:10:12', 'talk_s' => 300,
            'agent_user_id' => 1, 'transferred_to' => '102', 'customer_id' => 50, 'queue_name' => 'sales',
            'route' => 'vip', 'wait_s' => 30,
        ]);
        $world->call([
            'started_at' => '2026-05-04 08:20:00', 'agent_user_id' => 2, 'transferred_to' => '+33140000000',
            'customer_id' => 50, 'queue_name' => 'sales', 'route' => 'vip',
        ]);
        $world->aggregator->refreshEntities([$id]);
        $rows = $this->db->fetchAll(
            'SELECT agent_user_id, store_id, calls, answered, ring_s, talk_s, wait_s, transfers_out, transfers_in'
            . ' FROM bandeau_call_stat_hourly ORDER BY agent_user_id'
        );
        self::assertSame([
            ['agent_user_id' => '1', 'store_id' => '2', 'calls' => '1', 'answered' => '1', 'ring_s' => '12',
                'talk_s' => '300', 'wait_s' => '30', 'transfers_out' => '1', 'transfers_in' => '0'],
            ['agent_user_id' => '2', 'store_id' => '2', 'calls' => '1', 'answered' => '1', 'ring_s' => '5',
                'talk_s' => '0', 'wait_s' => '0', 'transfers_out' => '1', 'transfers_in' => '1'],
        ], $rows, 'the second call and the transfer to agent 2 share a row');
        self::assertSame('2', $this->db->fetchOne('SELECT SUM(calls) FROM bandeau_call_stat_hourly'));
        self::assertEquals($world->oracle(), $world->snapshot());
    }

    public function testRecordingACallAgainOrWrappingItUpNeverCountsItTwice(): void
    {
        $world = $this->world('Europe/Paris');
        $id = $world->call(['started_at' => '2026-02-10 09:00:00', 'party_key' => '+33612345678', 'disposition' => 'missed']);
        $world->aggregator->refreshCalls(['call-1']);
        $world->aggregator->refreshCalls(['call-1', 'call-1']);
        $this->db->query("UPDATE bandeau_call SET note = 'called back', wrapped_up_at = NOW() WHERE entity_id = ?", [$id]);
        $world->aggregator->refreshEntities([$id]);
        self::assertSame(['calls' => '1', 'missed' => '1'], $this->row(
            'SELECT SUM(calls) AS calls, SUM(missed) AS missed FROM bandeau_call_stat_hourly'
        ));
        self::assertSame(
            [['local_date' => '2026-02-10', 'party_key' => '+33612345678', 'calls' => '1', 'missed' => '1',
                'last_call_at' => '2026-02-10 09:00:00']],
            $this->db->fetchAll('SELECT * FROM bandeau_call_stat_unknown')
        );
        // The caller turns out to be a customer: no longer "without an account".
        $this->insert('customer_entity', ['entity_id' => 60, 'email' => 'y@example.com', 'store_id' => 1]);
        $this->db->query('UPDATE bandeau_call SET customer_id = 60 WHERE entity_id = ?', [$id]);
        $world->aggregator->refreshEntities([$id]);
        self::assertSame('0', $this->db->fetchOne('SELECT COUNT(*) FROM bandeau_call_stat_unknown'));
        self::assertSame('1', $this->db->fetchOne('SELECT store_id FROM bandeau_call_stat_hourly'));
    }

    public function testInProgressCallsAreNotCountedAndAnAnonymisedNumberLeavesTheUnknownCallers(): void
    {
        $world = $this->world('Europe/Paris');
        $live = $world->call(['started_at' => '2026-02-10 09:00:00', 'disposition' => null, 'party_key' => '+33611111111']);
        $ended = $world->call(['started_at' => '2026-02-10 09:05:00', 'disposition' => 'abandoned', 'party_key' => '+33622222222']);
        $world->aggregator->refreshEntities([$live, $ended]);
        self::assertSame('1', $this->db->fetchOne('SELECT SUM(calls) FROM bandeau_call_stat_hourly'));
        self::assertSame(['+33622222222'], $this->db->fetchCol('SELECT party_key FROM bandeau_call_stat_unknown'));
        self::assertSame(
            [['party_key' => '+33622222222', 'calls' => '1']],
            $this->db->fetchAll('SELECT party_key, calls FROM bandeau_call_stat_unknown_total')
        );
        $this->db->query(
            'UPDATE bandeau_call SET party_key = NULL, anonymised_at = ? WHERE entity_id = ?',
            ['2026-03-01 00:00:00', $ended]
        );
        $world->aggregator->refreshEntities([$ended]);
        self::assertSame('0', $this->db->fetchOne('SELECT COUNT(*) FROM bandeau_call_stat_unknown'));
        self::assertSame('0', $this->db->fetchOne('SELECT COUNT(*) FROM bandeau_call_stat_unknown_total'), 'nor its total');
        self::assertSame('1', $this->db->fetchOne('SELECT SUM(abandoned) FROM bandeau_call_stat_hourly'));
    }

    public function testPartialRebuildReplacesOnlyItsDatesAndRejectsBadBounds(): void
    {
        $world = $this->world('Europe/Paris');
        $world->generate(200, 3);
        $world->rebuilder->rebuild();
        $before = $world->snapshot();
        $this->db->query("DELETE FROM bandeau_call_stat_hourly WHERE local_date BETWEEN '2026-03-01' AND '2026-03-31'");
        $this->db->query("UPDATE bandeau_call_stat_hourly SET calls = 999 WHERE local_date = '2026-02-01'");
        $totals = $world->rebuilder->rebuild('2026-03-01', '2026-03-31');
        self::assertSame(1, $totals['months']);
        $after = $world->snapshot();
        self::assertNotEquals($before['hourly'], $after['hourly'], 'February was outside the range');
        $this->db->query("DELETE FROM bandeau_call_stat_hourly WHERE local_date = '2026-02-01'");
        $world->rebuilder->rebuild('2026-01-15', '2026-02-03');
        self::assertEquals($before, $world->snapshot());

        foreach ([['2026-02-30', null], ['2026-3-1', null], ['2026-03-02', '2026-03-01']] as [$from, $to]) {
            try {
                $world->rebuilder->rebuild($from, $to);
                self::fail("accepted $from..$to");
            } catch (\Magento\Framework\Exception\LocalizedException $e) {
                self::assertStringContainsString('-', $e->getMessage());
            }
        }
        self::assertSame([['2026-01-31', '2026-01-31'], ['2026-02-01', '2026-02-28'], ['2026-03-01', '2026-03-02']],
            $world->rebuilder->months('2026-01-31', '2026-03-02'));
    }
}
