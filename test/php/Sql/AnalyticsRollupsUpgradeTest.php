<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Analytics\CallBucketSql;
use Bandeau\Cti\Model\Analytics\Rollups;
use Bandeau\Cti\Setup\Patch\Data\FillAnalyticsRollups;
use Bandeau\Cti\Test\Support\AnalyticsWorld;

/**
 * An install upgraded from a version without the rollups (seen on a real Magento 2.4.6: the
 * dashboard showed zero calls after setup:upgrade while the hourly table was full): the data patch
 * fills every rollup and the unknown callers' totals from the aggregates already there.
 */
class AnalyticsRollupsUpgradeTest extends SqlTestCase
{
    public function testThePatchFillsTheRollupsOfAnUpgradedInstall(): void
    {
        $world = new AnalyticsWorld($this->resource, 'Europe/Paris');
        $world->seedPeople();
        $world->generate(400, 16);
        $world->rebuilder->rebuild();
        // As the tables are right after the schema upgrade: new and empty, the hourly rows kept.
        foreach ([...array_keys(Rollups::KEYS), 'bandeau_call_stat_unknown_total'] as $table) {
            $this->db->query('DELETE FROM ' . $table);
        }
        self::assertGreaterThan(0, (int)$this->db->fetchOne('SELECT SUM(calls) FROM bandeau_call_stat_hourly'));

        (new FillAnalyticsRollups($this->resource, new Rollups($this->resource), new CallBucketSql($this->resource)))
            ->apply();

        foreach ($world->rollupsAndExpected() as $table => [$held, $expected]) {
            self::assertNotSame([], $expected, $table);
            self::assertSame($expected, $held, $table);
        }
    }

    public function testThePatchDoesNothingOnAFreshInstall(): void
    {
        (new FillAnalyticsRollups($this->resource, new Rollups($this->resource), new CallBucketSql($this->resource)))
            ->apply();
        self::assertSame('0', $this->db->fetchOne('SELECT COUNT(*) FROM bandeau_call_stat_hour'));
    }
}
