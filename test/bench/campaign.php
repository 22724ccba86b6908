<?php

/**
 * Issue 8 benchmark (run by campaign.bench.ts, or `php test/bench/campaign.php` with the private
 * MariaDB of test/services/mariadb.sh started).
 *
 * 1. Builds a campaign from 500,000 carts (generated with INSERT … SELECT from MariaDB's sequence
 *    engine) and prints its time and the PHP peak memory, against a baseline measured in the same
 *    run: a bare SELECT COUNT(*) over the same carts.
 * 2. Runs 50 agents (50 PHP processes, each its own connection) claiming contacts and recording
 *    an outcome for a fixed time, against a baseline of the same 50 processes running a bare
 *    single-row UPDATE loop.
 * Works in its own database bandeau_bench_campaign (as root over the server's socket), dropped at
 * the end. Environment: BENCH_QUOTES (500000), BENCH_AGENTS (50), BENCH_SECONDS (8),
 * BANDEAU_MARIADB_SOCKET (test/.artifacts/mariadb/mariadbd.sock).
 */

declare(strict_types=1);

use Bandeau\Cti\Model\Campaign\AudienceFilter;
use Bandeau\Cti\Model\Campaign\AudienceQuery;
use Bandeau\Cti\Model\Campaign\BuildProgress;
use Bandeau\Cti\Model\Campaign\Campaign;
use Bandeau\Cti\Model\Campaign\CampaignBuilder;
use Bandeau\Cti\Model\Campaign\CampaignRepository;
use Bandeau\Cti\Model\Campaign\ContactClaimer;
use Bandeau\Cti\Model\Campaign\OptOut;
use Bandeau\Cti\Model\Campaign\OutcomeRecorder;
use Bandeau\Cti\Model\Campaign\Tables;
use Bandeau\Cti\Model\Campaign\UtcTime;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Test\Support\PdoAdapter;
use Bandeau\Cti\Test\Support\SchemaFixture;
use Magento\Framework\App\ResourceConnection;

$root = dirname(__DIR__, 2);
require $root . '/vendor/autoload.php';
require __DIR__ . '/benchDatabase.php';

const DATABASE = 'bandeau_bench_campaign';
const NOW = 1700000000;

function connect(bool $useDatabase): PdoAdapter
{
    return benchConnection(DATABASE, $useDatabase);
}

function tables(PdoAdapter $db): Tables
{
    return new Tables(new ResourceConnection($db));
}

/**
 * Worker process: claims (or bare updates) until the deadline, prints the count.
 */
function worker(string $mode, int $agentId, int $campaignId, float $startAt, float $seconds): void
{
    $db = connect(true);
    $tables = tables($db);
    $claimer = new ContactClaimer($tables);
    $recorder = new OutcomeRecorder($tables, new CampaignRepository($tables), new OptOut($tables));
    $outcomes = ['not_interested', 'no_answer', 'will_order', 'wrong_number'];
    while (microtime(true) < $startAt) {
        usleep(1000);
    }
    $deadline = $startAt + $seconds;
    $count = 0;
    while (microtime(true) < $deadline) {
        if ($mode === 'update') {
            $db->query('UPDATE bench_counter SET n = n + 1 WHERE id = ?', [$agentId]);
        } else {
            $contactId = $claimer->claim($agentId, [$campaignId], NOW);
            if ($contactId === null) {
                break;
            }
            $recorder->record($agentId, $contactId, $outcomes[$count % 4], '', null, null, NOW);
        }
        $count++;
    }
    echo $count, "\n";
}

/**
 * @return array{0: int, 1: float} operations done by all processes, seconds
 */
function runAgents(string $mode, array $agents, int $campaignId, float $seconds): array
{
    $startAt = microtime(true) + 1.5;
    $running = [];
    foreach ($agents as $agentId) {
        $command = [PHP_BINARY, __FILE__, '--worker', $mode, (string)$agentId, (string)$campaignId, (string)$startAt, (string)$seconds];
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        if (!is_resource($process)) {
            throw new RuntimeException('could not start a worker');
        }
        $running[] = [$process, $pipes];
    }
    $total = 0;
    foreach ($running as [$process, $pipes]) {
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        if (proc_close($process) !== 0 || !preg_match('/^\d+$/', trim((string)$out))) {
            throw new RuntimeException("worker ($mode) failed: " . trim($err . ' ' . $out));
        }
        $total += (int)trim((string)$out);
    }
    return [$total, $seconds];
}

function timed(callable $work): array
{
    $start = hrtime(true);
    $result = $work();
    return [$result, (hrtime(true) - $start) / 1e9];
}

if (($argv[1] ?? '') === '--worker') {
    worker($argv[2], (int)$argv[3], (int)$argv[4], (float)$argv[5], (float)$argv[6]);
    exit(0);
}

$quotes = (int)(getenv('BENCH_QUOTES') ?: 500000);
$agentCount = (int)(getenv('BENCH_AGENTS') ?: 50);
$seconds = (float)(getenv('BENCH_SECONDS') ?: 8);
$customers = intdiv($quotes, 2);

$admin = connect(false);
$admin->getPdo()->exec('DROP DATABASE IF EXISTS ' . DATABASE);
$admin->getPdo()->exec('CREATE DATABASE ' . DATABASE . ' CHARACTER SET utf8mb4');
$db = connect(true);
try {
    printf("MariaDB %s, claim strategy %s\n", $db->fetchOne('SELECT VERSION()'), (new ContactClaimer(tables($db)))->strategy());
    foreach (SchemaFixture::statements() as $statement) {
        $db->getPdo()->exec($statement);
    }
    $db->getPdo()->exec('CREATE TABLE bench_counter (id INT UNSIGNED PRIMARY KEY, n BIGINT NOT NULL DEFAULT 0) ENGINE=InnoDB');
    [, $generate] = timed(function () use ($db, $quotes, $customers, $agentCount): void {
        $pdo = $db->getPdo();
        $pdo->exec("INSERT INTO store (store_id, code, name, is_active) VALUES (1, 'default', 'Default', 1), (2, 'fr', 'French', 1)");
        $pdo->exec("INSERT INTO customer_group (customer_group_id, customer_group_code) VALUES (1, 'General'), (2, 'Wholesale')");
        $pdo->exec(sprintf(
            "INSERT INTO customer_entity (entity_id, website_id, email, firstname, lastname, group_id)"
            . " SELECT seq, 1, CONCAT('c', seq, '@example.com'), CONCAT('First', seq), CONCAT('Last', seq), 1 + (seq %% 5 = 0)"
            . " FROM seq_1_to_%d",
            $customers
        ));
        // 90 % of customers have a number in the phone index.
        $pdo->exec(sprintf(
            "INSERT INTO bandeau_phone_index (phone_e164, source, source_id, customer_id, telephone)"
            . " SELECT CONCAT('+336', LPAD(seq, 8, '0')), 'customer_address', seq, seq, CONCAT('06', LPAD(seq, 8, '0'))"
            . " FROM seq_1_to_%d WHERE seq %% 10 <> 0",
            $customers
        ));
        // 1 % opted out, 5 % ordered recently.
        $pdo->exec(sprintf('INSERT INTO bandeau_call_optout (customer_id) SELECT seq FROM seq_1_to_%d WHERE seq %% 100 = 7', $customers));
        $pdo->exec(sprintf(
            "INSERT INTO sales_order (increment_id, customer_id, state, base_grand_total, created_at)"
            . " SELECT CONCAT('B', seq), seq, 'processing', 80, FROM_UNIXTIME(%d - 3600) FROM seq_1_to_%d WHERE seq %% 20 = 3",
            NOW,
            $customers
        ));
        // Carts: 10 % guests, 90 % active, 95 % non-empty, updated over the last 30 days.
        $pdo->exec(sprintf(
            "INSERT INTO quote (entity_id, store_id, created_at, updated_at, is_active, items_count, items_qty,"
            . " grand_total, base_grand_total, base_currency_code, quote_currency_code, customer_id)"
            . " SELECT seq, 1 + (seq %% 2), FROM_UNIXTIME(%1\$d - (seq * 7919) %% 2592000),"
            . " FROM_UNIXTIME(%1\$d - (seq * 7919) %% 2592000), seq %% 10 <> 0, IF(seq %% 20 = 0, 0, 1 + seq %% 4),"
            . " 1 + seq %% 4, 10 + (seq * 13) %% 490, 10 + (seq * 13) %% 490, 'EUR', 'EUR',"
            . " IF(seq %% 10 = 5, NULL, 1 + (seq * 31) %% %2\$d) FROM seq_1_to_%3\$d",
            NOW,
            $customers,
            $quotes
        ));
        for ($i = 1; $i <= $agentCount; $i++) {
            $pdo->exec(sprintf(
                "INSERT INTO admin_user (user_id, username, firstname, is_active, bandeau_extension) VALUES (%d, 'a%d', 'Agent', 1, '%d')",
                $i,
                $i,
                1000 + $i
            ));
            $pdo->exec(sprintf('INSERT INTO bench_counter (id) VALUES (%d)', $i));
        }
    });
    printf("generated %d carts, %d customers in %.1f s\n", $quotes, $customers, $generate);

    $tables = tables($db);
    $repository = new CampaignRepository($tables);
    $filter = new AudienceFilter(1, 24 * 30, 20.0);
    $campaign = new Campaign(null, 'Bench', $filter, UtcTime::db(NOW), 'UTC', '00:00', '24:00', [1, 2, 3, 4, 5, 6, 7], 3, 60, false, 7, Campaign::STATUS_BUILDING);
    $campaignId = $repository->create($campaign, range(1, $agentCount));
    $audience = new AudienceQuery($tables);

    [$baselineCount, $baselineTime] = timed(fn () => $audience->countCandidates($filter, NOW));
    memory_reset_peak_usage();
    $memoryBefore = memory_get_usage();
    [$contacts, $buildTime] = timed(function () use ($tables, $repository, $audience, $campaignId): int {
        $builder = new CampaignBuilder($tables, $repository, $audience, new BuildProgress($tables), new FixedClock(NOW));
        return $builder->build($campaignId);
    });
    $peak = memory_get_peak_usage() - $memoryBefore;
    printf(
        "\nbuild: %d candidate carts -> %d contacts in %.2f s (%.0f carts/s), PHP peak memory +%.2f MiB (total peak %.1f MiB)\n",
        $baselineCount,
        $contacts,
        $buildTime,
        $baselineCount / max($buildTime, 1e-9),
        $peak / 1048576,
        memory_get_peak_usage() / 1048576
    );
    printf("baseline: bare SELECT COUNT(*) over the same carts %.3f s; build / baseline = %.1fx\n", $baselineTime, $buildTime / max($baselineTime, 1e-9));

    [$updates, $updateSeconds] = runAgents('update', range(1, $agentCount), $campaignId, $seconds);
    [$claims, $claimSeconds] = runAgents('claim', range(1, $agentCount), $campaignId, $seconds);
    $claimed = (int)$db->fetchOne("SELECT COUNT(*) FROM bandeau_campaign_contact WHERE attempts > 0");
    $twice = (int)$db->fetchOne('SELECT COUNT(*) FROM bandeau_campaign_contact WHERE attempts > 1');
    printf(
        "\nclaims: %d agents (processes) claimed + recorded %d contacts in %.0f s = %.0f claims/s (%d contacts touched, %d more than once)\n",
        $agentCount,
        $claims,
        $claimSeconds,
        $claims / $claimSeconds,
        $claimed,
        $twice
    );
    printf(
        "baseline: the same %d processes running a bare single-row UPDATE loop = %.0f updates/s; claims / baseline = %.3f\n",
        $agentCount,
        $updates / $updateSeconds,
        ($claims / $claimSeconds) / max($updates / $updateSeconds, 1e-9)
    );
    if ($claimed !== $claims) {
        throw new RuntimeException("claims ($claims) and contacts with an attempt ($claimed) differ");
    }
} finally {
    $admin->getPdo()->exec('DROP DATABASE IF EXISTS ' . DATABASE);
}
