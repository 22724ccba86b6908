<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Campaign\ContactClaimer;
use Bandeau\Cti\Model\Campaign\UtcTime;
use Bandeau\Cti\Test\Support\CampaignFixtures;
use Bandeau\Cti\Test\Support\CampaignHookAdapter;
use Bandeau\Cti\Test\Support\PdoAdapter;
use Magento\Framework\App\ResourceConnection;
use Bandeau\Cti\Model\Campaign\Tables;
use PHPUnit\Framework\Attributes\DataProvider;

/**
 * Claiming contacts: the order (callbacks, fresh, retries), expiry, and that two agents never get
 * the same contact (two real connections interleaved, then many processes at once).
 */
class CampaignClaimTest extends SqlTestCase
{
    private const NOW = CampaignFixtures::NOW;

    private CampaignFixtures $fx;
    private int $agentA;
    private int $agentB;
    private int $campaignId;

    protected function setUp(): void
    {
        parent::setUp();
        $this->fx = new CampaignFixtures($this->db);
        $this->fx->basics();
        $this->agentA = $this->fx->agent('1001');
        $this->agentB = $this->fx->agent('1002');
        $this->campaignId = $this->fx->campaign([$this->agentA, $this->agentB]);
    }

    public static function strategies(): array
    {
        return [ContactClaimer::SKIP_LOCKED => [ContactClaimer::SKIP_LOCKED], ContactClaimer::UPDATE_LIMIT => [ContactClaimer::UPDATE_LIMIT]];
    }

    private function claimer(string $strategy, ?PdoAdapter $db = null): ContactClaimer
    {
        return new ContactClaimer(new Tables(new ResourceConnection($db ?? $this->db)), new UtcTime(), 900, $strategy);
    }

    private function contacts(int $n, array $data = []): array
    {
        $ids = [];
        for ($i = 0; $i < $n; $i++) {
            $ids[] = $this->fx->contact($this->campaignId, $this->fx->customer(null), $data);
        }
        return $ids;
    }

    public function testServerSupportsSkipLockedAndVersionsAreRead(): void
    {
        $claimer = new ContactClaimer(new Tables(new ResourceConnection($this->db)), new UtcTime());
        self::assertTrue($claimer->supportsSkipLocked('10.11.6-MariaDB-0+deb12u1'));
        self::assertTrue($claimer->supportsSkipLocked('10.6.0-MariaDB'));
        self::assertFalse($claimer->supportsSkipLocked('10.5.22-MariaDB-log'));
        self::assertTrue($claimer->supportsSkipLocked('8.0.36'));
        self::assertFalse($claimer->supportsSkipLocked('5.7.44-log'));
        self::assertFalse($claimer->supportsSkipLocked('garbage'));
        self::assertSame(
            $claimer->supportsSkipLocked((string)$this->db->fetchOne('SELECT VERSION()'))
                ? ContactClaimer::SKIP_LOCKED : ContactClaimer::UPDATE_LIMIT,
            $claimer->strategy()
        );
    }

    #[DataProvider('strategies')]
    public function testOrderIsCallbacksThenFreshThenRetries(string $strategy): void
    {
        [$retryDue] = $this->contacts(1, ['status' => 'retry', 'next_attempt_at' => (new UtcTime())->db(self::NOW - 60), 'attempts' => 1]);
        $this->contacts(1, ['status' => 'retry', 'next_attempt_at' => (new UtcTime())->db(self::NOW + 60), 'attempts' => 1]);
        [$fresh1, $fresh2] = $this->contacts(2);
        [$callbackDue] = $this->contacts(1, ['status' => 'callback', 'next_attempt_at' => (new UtcTime())->db(self::NOW - 5)]);
        $this->contacts(1, ['status' => 'callback', 'next_attempt_at' => (new UtcTime())->db(self::NOW + 3600)]);
        $this->contacts(1, ['status' => 'done']);
        $claimer = $this->claimer($strategy);
        $got = [];
        foreach ([$this->agentA, $this->agentB, $this->fx->agent('31'), $this->fx->agent('32'), $this->fx->agent('33')] as $agent) {
            $got[] = $claimer->claim($agent, [$this->campaignId], self::NOW);
        }
        self::assertSame([$callbackDue, $fresh1, $fresh2, $retryDue, null], $got);
    }

    #[DataProvider('strategies')]
    public function testAnAgentGetsTheirOwnClaimBackAndAnExpiredClaimGoesToSomeoneElse(string $strategy): void
    {
        [$first, $second] = $this->contacts(2);
        $agentC = $this->fx->agent('1003');
        $claimer = $this->claimer($strategy);
        self::assertSame($first, $claimer->claim($this->agentA, [$this->campaignId], self::NOW));
        self::assertSame($first, $claimer->claim($this->agentA, [$this->campaignId], self::NOW + 60), 'page reloaded');
        self::assertSame($second, $claimer->claim($this->agentB, [$this->campaignId], self::NOW + 120));
        self::assertNull($claimer->claim($agentC, [$this->campaignId], self::NOW + 120));
        // Agent A closed the browser: 15 minutes after the last refresh the contact is free again.
        $later = self::NOW + 60 + 900 + 1;
        self::assertSame($first, $claimer->claim($agentC, [$this->campaignId], $later));
        $row = $this->row('SELECT claimed_by, claim_expires_at FROM bandeau_campaign_contact WHERE contact_id = ?', [$first]);
        self::assertSame([(string)$agentC, (new UtcTime())->db($later + 900)], [$row['claimed_by'], $row['claim_expires_at']]);
        self::assertFalse($claimer->release($this->agentA, $first), 'not held by A any more');
        self::assertTrue($claimer->release($agentC, $first));
        self::assertSame($first, $claimer->claim($this->agentA, [$this->campaignId], $later), 'released contacts are fresh again');
    }

    #[DataProvider('strategies')]
    public function testOnlyTheGivenCampaignsAreClaimedFrom(string $strategy): void
    {
        $other = $this->fx->campaign([$this->agentA], ['name' => 'Other']);
        $inOther = $this->fx->contact($other, $this->fx->customer(null));
        self::assertNull($this->claimer($strategy)->claim($this->agentA, [$this->campaignId], self::NOW));
        self::assertNull($this->claimer($strategy)->claim($this->agentA, [], self::NOW));
        self::assertSame($inOther, $this->claimer($strategy)->claim($this->agentA, [$this->campaignId, $other], self::NOW));
    }

    /**
     * Connection A has found its row and holds it (transaction open, claim not yet written) when
     * connection B claims: B must get another row, and nobody waits.
     */
    #[DataProvider('strategies')]
    public function testTwoConnectionsClaimingAtOnceNeverGetTheSameContact(string $strategy): void
    {
        [$first, $second, $third] = $this->contacts(3);
        $connectionA = CampaignHookAdapter::sameDatabaseAs($this->db);
        $connectionB = CampaignHookAdapter::sameDatabaseAs($this->db);
        $connectionB->getPdo()->exec('SET SESSION innodb_lock_wait_timeout = 2');
        $claimerA = $this->claimer($strategy, $connectionA);
        $claimerB = $this->claimer($strategy, $connectionB);
        $gotB = null;
        $connectionA->onceAfter(
            $strategy === ContactClaimer::SKIP_LOCKED ? 'SKIP LOCKED' : 'LAST_INSERT_ID(contact_id)',
            function () use (&$gotB, $claimerB): void {
                $gotB = $claimerB->claim($this->agentB, [$this->campaignId], self::NOW);
            }
        );
        $gotA = $claimerA->claim($this->agentA, [$this->campaignId], self::NOW);
        self::assertSame($first, $gotA);
        self::assertSame($second, $gotB);
        $holders = $this->db->fetchAll('SELECT contact_id, claimed_by FROM bandeau_campaign_contact ORDER BY contact_id');
        self::assertSame(
            [
                ['contact_id' => (string)$first, 'claimed_by' => (string)$this->agentA],
                ['contact_id' => (string)$second, 'claimed_by' => (string)$this->agentB],
                ['contact_id' => (string)$third, 'claimed_by' => null],
            ],
            $holders
        );
    }

    /**
     * N processes, each its own connection and agent, claim and close contacts until none is
     * left: every contact is claimed exactly once.
     */
    #[DataProvider('strategies')]
    public function testConcurrentProcessesClaimEveryContactExactlyOnce(string $strategy): void
    {
        $processes = 8;
        $agents = [];
        for ($i = 0; $i < $processes; $i++) {
            $agents[] = $this->fx->agent((string)(2000 + $i));
        }
        $this->fx->repository()->assignAgents($this->campaignId, $agents);
        $customers = [];
        for ($i = 0; $i < 240; $i++) {
            $customers[] = ['website_id' => 1, 'email' => 's' . $i . '@example.com', 'group_id' => 1];
        }
        $this->db->insertOnDuplicate('customer_entity', $customers, ['email']);
        $this->db->query(
            'INSERT INTO bandeau_campaign_contact (campaign_id, quote_id, customer_id, phone_e164, cart_updated_at)'
            . ' SELECT ?, entity_id, entity_id, ?, ? FROM customer_entity',
            [$this->campaignId, '+33612345678', (new UtcTime())->db(self::NOW)]
        );
        $all = array_map('intval', $this->db->fetchCol('SELECT contact_id FROM bandeau_campaign_contact ORDER BY contact_id'));
        self::assertCount(240, $all);

        $dsn = getenv('BANDEAU_TEST_DSN') ?: self::DEFAULT_DSN;
        $database = (string)$this->db->fetchOne('SELECT DATABASE()');
        $worker = dirname(__DIR__) . '/bin/CampaignClaimWorker.php';
        $running = [];
        foreach ($agents as $agent) {
            $command = [PHP_BINARY, $worker, $dsn, $database, (string)$agent, (string)$this->campaignId, (string)self::NOW, $strategy];
            $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
            self::assertIsResource($process);
            $running[] = [$process, $pipes];
        }
        $claimed = [];
        $perAgent = [];
        foreach ($running as [$process, $pipes]) {
            $out = stream_get_contents($pipes[1]);
            $err = stream_get_contents($pipes[2]);
            $code = proc_close($process);
            self::assertSame(0, $code, 'worker failed: ' . $err);
            $ids = json_decode((string)$out, true, 512, JSON_THROW_ON_ERROR);
            $perAgent[] = count($ids);
            $claimed = array_merge($claimed, $ids);
        }
        sort($claimed);
        self::assertSame($all, $claimed, 'every contact claimed exactly once');
        self::assertSame(0, (int)$this->db->fetchOne("SELECT COUNT(*) FROM bandeau_campaign_contact WHERE status <> 'done' OR attempts <> 1"));
        self::assertSame(240, array_sum($perAgent));
    }
}
