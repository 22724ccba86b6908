<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Api\CallManagementInterface;
use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Console\Command\RebuildAnalyticsCommand;
use Bandeau\Cti\Cron\AnalyticsCatchUp;
use Bandeau\Cti\Model\Analytics\Aggregator;
use Bandeau\Cti\Model\Analytics\ReportingZone;
use Bandeau\Cti\Model\Analytics\Rollups;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Plugin\Analytics\RefreshCallAnalyticsPlugin;
use Bandeau\Cti\Test\Support\AnalyticsWorld;
use Psr\Log\AbstractLogger;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Tester\CommandTester;

/**
 * How the aggregates are kept: the per-record plugin (never failing the record), the cron catch-up
 * (first run rebuilds; then every changed call and order; a changed zone rebuilds), the rebuild
 * command with its progress bar, and the lock they share.
 */
class AnalyticsMaintenanceTest extends SqlTestCase
{
    private function logger(): AbstractLogger
    {
        return new class extends AbstractLogger {
            public array $lines = [];

            public function log($level, string|\Stringable $message, array $context = []): void
            {
                $this->lines[] = $level . ': ' . $message;
            }
        };
    }

    public function testThePluginRefreshesTheRecordedCallAndNeverFailsTheRecord(): void
    {
        $world = new AnalyticsWorld($this->resource, 'Europe/Paris');
        $world->seedPeople();
        $world->call(['call_id' => 'abc', 'started_at' => '2026-03-01 10:00:00']);
        $subject = $this->createStub(CallManagementInterface::class);
        $logger = $this->logger();
        $plugin = new RefreshCallAnalyticsPlugin($world->aggregator, $logger);
        $record = new Call(['call_id' => 'abc', 'disposition' => 'answered']);
        self::assertSame($record, $plugin->afterUpsert($subject, $record));
        self::assertSame('1', $this->db->fetchOne('SELECT SUM(calls) FROM bandeau_call_stat_hourly'));
        self::assertSame($record, $plugin->afterUpsert($subject, $record));
        self::assertSame('1', $this->db->fetchOne('SELECT SUM(calls) FROM bandeau_call_stat_hourly'));

        $failing = new class ($this->resource, $world) extends Aggregator {
            public function __construct(\Magento\Framework\App\ResourceConnection $resource, AnalyticsWorld $w)
            {
                parent::__construct($resource, $w->sql, $w->offsets, $w->zone, $w->sales, new Rollups($resource));
            }

            public function refreshCalls(array $callIds): int
            {
                throw new \RuntimeException('Deadlock found when trying to get lock');
            }
        };
        $plugin = new RefreshCallAnalyticsPlugin($failing, $logger);
        self::assertSame($record, $plugin->afterUpsert($subject, $record));
        self::assertStringContainsString('the cron catch-up will', $logger->lines[0]);
        self::assertStringStartsWith('warning: ', $logger->lines[0]);
        // A record still in progress (no disposition) is not counted yet: nothing to refresh.
        $live = new Call(['call_id' => 'abc']);
        self::assertSame($live, $plugin->afterUpsert($subject, $live));
        self::assertCount(1, $logger->lines);
    }

    public function testCatchUpRebuildsFirstThenFollowsChangedCallsAndOrders(): void
    {
        $world = new AnalyticsWorld($this->resource, 'Europe/Paris');
        $world->seedPeople();
        $world->generate(150, 21);
        $logger = $this->logger();
        $cron = new AnalyticsCatchUp($world->catchUp, $logger);
        $cron->execute();
        self::assertStringContainsString('rebuilt', $logger->lines[0]);
        self::assertEquals($world->oracle(), $world->snapshot());
        $state = $world->state->load();
        self::assertSame('Europe/Paris', $state['timezone']);

        // Changes no plugin saw: new calls by SQL, retention, an order placed and one canceled.
        $new = $world->call(['started_at' => '2026-03-29 01:30:00', 'customer_id' => 3, 'agent_user_id' => 3]);
        $world->order(7001, 3, '2026-03-30 10:00:00', 42);
        $this->db->query(
            "UPDATE bandeau_call SET party_key = NULL, anonymised_at = '2026-12-01 00:00:00', customer_id = NULL"
            . " WHERE direction = 'inbound' AND entity_id % 4 = 0"
        );
        $this->db->query(
            "UPDATE sales_order SET state = 'canceled' WHERE entity_id = (SELECT order_id FROM bandeau_call_sale"
            . ' ORDER BY order_id LIMIT 1)'
        );
        $result = $world->catchUp->run();
        self::assertFalse($result['rebuilt']);
        self::assertGreaterThan(0, $result['calls']);
        self::assertGreaterThan(0, $result['orders']);
        self::assertEquals($world->oracle(), $world->snapshot());
        self::assertSame('7001', $this->db->fetchOne('SELECT order_id FROM bandeau_call_sale WHERE call_entity_id = ?', [$new]));

        // The zone changes: the next run rebuilds in the new zone.
        $world->config->set(ReportingZone::XML_PATH_TIMEZONE, 'America/New_York');
        self::assertTrue($world->catchUp->run()['rebuilt']);
        self::assertSame('America/New_York', $world->state->load()['timezone']);
        self::assertEquals($world->oracle(), $world->snapshot());
    }

    public function testCatchUpAndRebuildShareALock(): void
    {
        $world = new AnalyticsWorld($this->resource, 'UTC');
        $world->seedPeople();
        $world->rebuilder->rebuild();
        $other = \Bandeau\Cti\Test\Support\PdoAdapter::fromUrl(getenv('BANDEAU_TEST_DSN') ?: self::DEFAULT_DSN);
        $database = $this->db->fetchOne('SELECT DATABASE()');
        $other->getPdo()->exec('USE `' . $database . '`');
        self::assertSame('1', (string)$other->fetchOne("SELECT GET_LOCK(CONCAT(DATABASE(), '/bandeau_cti_analytics'), 0)"));
        try {
            self::assertTrue($world->catchUp->run()['locked']);
            $tester = new CommandTester(new RebuildAnalyticsCommand($world->rebuilder));
            self::assertSame(Command::FAILURE, $tester->execute([]));
            self::assertStringContainsString('Another call analytics rebuild', $tester->getDisplay());
        } finally {
            $other->fetchOne("SELECT RELEASE_LOCK(CONCAT(DATABASE(), '/bandeau_cti_analytics'))");
        }
        self::assertFalse($world->catchUp->run()['locked']);
    }

    public function testTheCommandRebuildsMonthByMonthWithAProgressBar(): void
    {
        $world = new AnalyticsWorld($this->resource, 'Europe/Paris');
        $world->seedPeople();
        $world->generate(120, 5);
        $tester = new CommandTester(new RebuildAnalyticsCommand($world->rebuilder));
        self::assertSame(Command::SUCCESS, $tester->execute([]));
        $display = $tester->getDisplay();
        self::assertMatchesRegularExpression('/\d+\/\d+ \[=+\] 100%/', $display);
        self::assertMatchesRegularExpression('/Call analytics rebuilt: \d+ months, \d+ hourly rows/', $display);
        self::assertEquals($world->oracle(), $world->snapshot());

        self::assertSame(Command::SUCCESS, $tester->execute(['--from' => '2026-03-01', '--to' => '2026-04-30']));
        self::assertStringContainsString('rebuilt: 2 months', $tester->getDisplay());
        self::assertEquals($world->oracle(), $world->snapshot());

        self::assertSame(Command::INVALID, $tester->execute(['--from' => '01/03/2026']));
        self::assertStringContainsString('--from must be a date as YYYY-MM-DD', $tester->getDisplay());
        self::assertSame(Command::INVALID, $tester->execute(['--from' => '2026-05-01', '--to' => '2026-04-01']));
        self::assertSame('bandeau:analytics:rebuild', $tester->getStatusCode() === Command::INVALID
            ? (new RebuildAnalyticsCommand($world->rebuilder))->getName() : '');
    }
}
