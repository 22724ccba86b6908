<?php

declare(strict_types=1);

namespace Bandeau\Cti\Setup\Patch\Data;

use Bandeau\Cti\Model\Analytics\CallBucketSql;
use Bandeau\Cti\Model\Analytics\Rollups;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Setup\Patch\DataPatchInterface;

/**
 * Fills the dashboard's rollups and the unknown callers' totals from the hourly and daily aggregates
 * an install already has: the dashboard reads only them, and neither the per-call refresh (the hours
 * of new calls only) nor the cron catch-up (a full rebuild only with no state or another zone) would
 * fill them, so an upgraded shop saw zeros until bandeau:analytics:rebuild. Reads aggregates, not
 * calls: one month per statement.
 */
class FillAnalyticsRollups implements DataPatchInterface
{
    /**
     * @param ResourceConnection $resource
     * @param Rollups $rollups
     * @param CallBucketSql $sql
     */
    public function __construct(
        private ResourceConnection $resource,
        private Rollups $rollups,
        private CallBucketSql $sql
    ) {
    }

    /**
     * Sums every rollup again, month by month, over the dates the hourly table holds, then every
     * unknown number's total.
     *
     * @return $this
     */
    public function apply()
    {
        $connection = $this->resource->getConnection();
        $range = $connection->fetchRow(sprintf(
            'SELECT MIN(local_date) AS first, MAX(local_date) AS last FROM %s',
            $this->sql->table('bandeau_call_stat_hourly')
        ));
        if (!empty($range['first'])) {
            $month = new \DateTimeImmutable(substr((string)$range['first'], 0, 7) . '-01');
            while ($month->format('Y-m-d') <= $range['last']) {
                $connection->beginTransaction();
                try {
                    $this->rollups->refreshDates($month->format('Y-m-d'), $month->format('Y-m-t'));
                    $connection->commit();
                } catch (\Throwable $e) {
                    $connection->rollBack();
                    throw $e;
                }
                $month = $month->modify('first day of next month');
            }
        }
        $unknown = $connection->fetchRow(sprintf(
            'SELECT MIN(local_date) AS first, MAX(local_date) AS last FROM %s',
            $this->sql->table('bandeau_call_stat_unknown')
        ));
        if (!empty($unknown['first'])) {
            $connection->query(
                $this->sql->unknownTotalUpsert($this->sql->unknownKeysOfDates()),
                [$unknown['first'], $unknown['last']]
            );
        }
        return $this;
    }

    /**
     * No other patch needed first.
     *
     * @return string[]
     */
    public static function getDependencies()
    {
        return [];
    }

    /**
     * No former names.
     *
     * @return string[]
     */
    public function getAliases()
    {
        return [];
    }
}
