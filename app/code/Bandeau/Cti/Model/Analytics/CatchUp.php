<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Magento\Framework\App\ResourceConnection;

/**
 * The cron catch-up: refreshes the aggregates of every call and the attribution of every order
 * changed since its last run (what the per-record plugin missed: a failed refresh, retention,
 * erasure, imports, cancellations), reading bandeau_call and sales_order by (updated_at, entity_id).
 *
 * Before the first full rebuild, or when the reporting zone has changed since it, it runs the full
 * rebuild instead. The keyset never passes "latest updated_at - OVERLAP_S": a transaction that
 * commits late with an older updated_at is still read, and reading a call twice is harmless.
 */
class CatchUp
{
    public const OVERLAP_S = 120;
    public const BATCH = 1000;
    /** Batches per run and source; the rest waits for the next run. */
    public const MAX_BATCHES = 200;

    /**
     * @param ResourceConnection $resource
     * @param AnalyticsState $state
     * @param Aggregator $aggregator
     * @param SaleAttribution $sales
     * @param Rebuilder $rebuilder
     * @param ReportingZone $reportingZone
     */
    public function __construct(
        private ResourceConnection $resource,
        private AnalyticsState $state,
        private Aggregator $aggregator,
        private SaleAttribution $sales,
        private Rebuilder $rebuilder,
        private ReportingZone $reportingZone
    ) {
    }

    /**
     * One run.
     *
     * @return array{rebuilt: bool, calls: int, orders: int, locked: bool}
     */
    public function run(): array
    {
        $result = ['rebuilt' => false, 'calls' => 0, 'orders' => 0, 'locked' => false];
        $state = $this->state->load();
        if ($state === null || $state['timezone'] !== $this->reportingZone->zone()->getName()) {
            try {
                $this->rebuilder->rebuild();
            } catch (\Magento\Framework\Exception\LocalizedException $e) {
                $result['locked'] = true;
                return $result;
            }
            $result['rebuilt'] = true;
            return $result;
        }
        if (!$this->rebuilder->lock()) {
            $result['locked'] = true;
            return $result;
        }
        try {
            $result['calls'] = $this->drain(
                'bandeau_call',
                [$state['call_updated_at'], $state['call_entity_id']],
                fn (array $ids) => $this->aggregator->refreshEntities($ids),
                fn (string $at, int $id) => $this->state->saveCalls($at, $id)
            );
            $result['orders'] = $this->drain(
                'sales_order',
                [$state['order_updated_at'], $state['order_entity_id']],
                fn (array $ids) => $this->sales->refreshOrders($ids),
                fn (string $at, int $id) => $this->state->saveOrders($at, $id)
            );
        } finally {
            $this->rebuilder->unlock();
        }
        return $result;
    }

    /**
     * Reads a table by keyset from $mark, hands each batch of ids to $refresh, moves the mark.
     *
     * @param string $table
     * @param array{0: string|null, 1: int} $mark
     * @param callable(int[]): mixed $refresh
     * @param callable(string, int): void $save
     * @return int rows read
     */
    private function drain(string $table, array $mark, callable $refresh, callable $save): int
    {
        $connection = $this->resource->getConnection();
        $name = $this->resource->getTableName($table);
        $latest = $connection->fetchOne(sprintf('SELECT MAX(updated_at) FROM %s', $name));
        if ($latest === null || $latest === false) {
            return 0;
        }
        $horizon = gmdate('Y-m-d H:i:s', strtotime($latest . ' UTC') - self::OVERLAP_S);
        [$at, $id] = [$mark[0] ?? '1970-01-01 00:00:00', $mark[1]];
        if ($at > $horizon) {
            [$at, $id] = [$horizon, 0];
        }
        $read = 0;
        for ($batch = 0; $batch < self::MAX_BATCHES; $batch++) {
            $rows = $connection->fetchAll(
                sprintf(
                    'SELECT updated_at, entity_id FROM %s WHERE updated_at >= ? AND (updated_at > ? OR entity_id > ?)'
                    . ' ORDER BY updated_at, entity_id LIMIT %d',
                    $name,
                    self::BATCH
                ),
                [$at, $at, $id]
            );
            if ($rows === []) {
                break;
            }
            $refresh(array_map(static fn (array $r): int => (int)$r['entity_id'], $rows));
            $last = $rows[count($rows) - 1];
            $read += count($rows);
            [$at, $id] = [(string)$last['updated_at'], (int)$last['entity_id']];
            if ($at > $horizon) {
                $save($horizon, 0);
            } else {
                $save($at, $id);
            }
            if (count($rows) < self::BATCH) {
                break;
            }
        }
        return $read;
    }
}
