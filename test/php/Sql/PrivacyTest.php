<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Model\CallManagement;
use Bandeau\Cti\Model\CallRepository;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Privacy\CallAnonymiser;
use Bandeau\Cti\Test\Support\Builders;

class PrivacyTest extends SqlTestCase
{
    private const NOW = '2024-06-01T00:00:00Z';

    private CallManagement $management;
    private CallRepository $repository;

    protected function setUp(): void
    {
        parent::setUp();
        $this->insert('customer_entity', ['entity_id' => 12, 'email' => 'm@example.com']);
        $this->insert('customer_entity', ['entity_id' => 13, 'email' => 'n@example.com']);
        $this->repository = new CallRepository($this->resource, new CallMapper(), Builders::callValidator(), Builders::callSearchQuery());
        $this->management = new CallManagement(
            $this->repository,
            Builders::callValidator(),
            $this->resource,
            new FixedClock(strtotime(self::NOW)),
            new CallMapper(),
            new \Bandeau\Cti\Model\Access\CallParticipation($this->resource, new \Bandeau\Cti\Model\Agent\AgentProfile())
        );
    }

    private function call(string $id, string $direction, string $startedAt, ?int $customerId = 12): void
    {
        $this->management->upsert(new Call([
            'call_id' => $id, 'direction' => $direction, 'started_at' => $startedAt, 'customer_id' => $customerId,
            'from' => $direction === 'outbound' || $direction === 'internal' ? '1001' : '+33612345678',
            'to' => $direction === 'outbound' ? '+33612345678' : '1002',
            'note' => 'note ' . $id, 'recording_url' => 'https://rec.example.com/' . $id . '.wav',
        ]));
    }

    private function anonymiser(int $retentionDays = 30): CallAnonymiser
    {
        return new CallAnonymiser(
            $this->resource,
            Builders::config([Config::XML_PATH_RETENTION_DAYS => (string)$retentionDays]),
            new FixedClock(strtotime(self::NOW))
        );
    }

    public function testRetentionAnonymisesOnlyOldOutsideNumbers(): void
    {
        $this->call('old-in', 'inbound', '2024-04-01T00:00:00Z');
        $this->call('old-out', 'outbound', '2024-04-01T00:00:00Z');
        $this->call('old-internal', 'internal', '2024-04-01T00:00:00Z', null);
        $this->call('recent', 'inbound', '2024-05-20T00:00:00Z');
        $this->call('edge', 'inbound', '2024-05-02T00:00:00Z');

        self::assertSame(2, $this->anonymiser(30)->anonymiseExpired());

        $oldIn = $this->repository->getByCallId('old-in');
        self::assertNull($oldIn->getFrom());
        self::assertSame('1002', $oldIn->getTo());
        self::assertSame('note old-in', $oldIn->getNote(), 'retention only touches numbers');
        $oldOut = $this->repository->getByCallId('old-out');
        self::assertSame('1001', $oldOut->getFrom());
        self::assertNull($oldOut->getTo());
        self::assertSame('1001', $this->repository->getByCallId('old-internal')->getFrom());
        self::assertSame('+33612345678', $this->repository->getByCallId('recent')->getFrom());
        self::assertSame('+33612345678', $this->repository->getByCallId('edge')->getFrom());
        self::assertNotNull($this->db->fetchOne('SELECT anonymised_at FROM bandeau_call WHERE call_id = ?', ['old-in']));

        self::assertSame(0, $this->anonymiser(30)->anonymiseExpired(), 'a second run has nothing to do');
    }

    public function testRedeliveryDoesNotBringBackAnonymisedNumbersIntoOldCalls(): void
    {
        $this->call('old-in', 'inbound', '2024-04-01T00:00:00Z');
        $this->anonymiser(30)->anonymiseExpired();
        self::assertNull($this->repository->getByCallId('old-in')->getFrom());
    }

    public function testZeroRetentionKeepsEverything(): void
    {
        $this->call('old-in', 'inbound', '2020-01-01T00:00:00Z');
        self::assertSame(0, $this->anonymiser(0)->anonymiseExpired());
        self::assertSame('+33612345678', $this->repository->getByCallId('old-in')->getFrom());
    }

    public function testTransferTargetsThatAreOutsideNumbersGoWithTheNumbers(): void
    {
        foreach (['to-number' => '+33155501234', 'to-digits' => '0155501234', 'to-agent' => '7003'] as $id => $to) {
            $this->management->upsert(new Call([
                'call_id' => $id, 'direction' => 'inbound', 'started_at' => '2024-04-01T00:00:00Z',
                'from' => '+33612345678', 'to' => '1002', 'transferred_to' => $to, 'queue' => 'support',
                'wait_s' => 12,
            ]));
        }
        self::assertSame(3, $this->anonymiser(30)->anonymiseExpired());
        self::assertNull($this->repository->getByCallId('to-number')->getTransferredTo());
        self::assertNull($this->repository->getByCallId('to-digits')->getTransferredTo());
        $toAgent = $this->repository->getByCallId('to-agent');
        self::assertSame('7003', $toAgent->getTransferredTo(), 'an extension is no personal data');
        self::assertSame('support', $toAgent->getQueue());
        self::assertSame(12, $toAgent->getWaitS());
    }

    public function testCustomerDeletionAnonymisesTheirCallsThenForeignKeySetsNull(): void
    {
        $this->call('mine-in', 'inbound', '2024-05-20T00:00:00Z', 12);
        $this->call('mine-out', 'outbound', '2024-05-21T00:00:00Z', 12);
        $this->call('other', 'inbound', '2024-05-20T00:00:00Z', 13);

        self::assertSame(2, $this->anonymiser()->anonymiseCustomer(12));
        $this->db->query('DELETE FROM customer_entity WHERE entity_id = ?', [12]);

        foreach (['mine-in', 'mine-out'] as $id) {
            $call = $this->repository->getByCallId($id);
            self::assertNull($call->getCustomerId());
            self::assertNull($call->getNote());
            self::assertNull($call->getRecordingUrl());
            self::assertNotSame('+33612345678', $call->getFrom());
            self::assertNotSame('+33612345678', $call->getTo());
        }
        $other = $this->repository->getByCallId('other');
        self::assertSame(13, $other->getCustomerId());
        self::assertSame('+33612345678', $other->getFrom());
        self::assertSame('note other', $other->getNote());
    }
}
