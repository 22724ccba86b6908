<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\CallManagement;
use Bandeau\Cti\Model\CallRepository;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\RestOutput;
use Magento\Framework\Api\Filter;
use Magento\Framework\Api\Search\FilterGroup;
use Magento\Framework\Api\SearchCriteria;
use Magento\Framework\Api\SortOrder;
use Magento\Framework\Exception\AuthorizationException;
use Magento\Framework\Exception\NoSuchEntityException;

class CallLogTest extends SqlTestCase
{
    private CallRepository $repository;
    private CallManagement $management;

    protected function setUp(): void
    {
        parent::setUp();
        $this->insert('admin_user', ['user_id' => 7, 'username' => 'ann', 'firstname' => 'Ann', 'bandeau_extension' => '1001']);
        $this->insert('admin_user', ['user_id' => 8, 'username' => 'bob', 'firstname' => 'Bob', 'bandeau_extension' => '1002']);
        $this->insert('customer_entity', [
            'entity_id' => 12, 'email' => 'marie.curie@example.com', 'firstname' => 'Marie', 'lastname' => 'Curie',
        ]);
        $this->insert('sales_order', ['entity_id' => 42, 'increment_id' => '000000042', 'customer_id' => 12]);
        $this->repository = Builders::callRepository($this->resource);
        $this->management = Builders::callManagement($this->resource, $this->repository, strtotime('2024-05-01T12:30:00Z'));
    }

    private function callCount(): int
    {
        return (int)$this->db->fetchOne('SELECT COUNT(*) FROM bandeau_call');
    }

    public function testUpsertOfTheContractRequestAnswersTheContractResponse(): void
    {
        $request = RestOutput::contract('calls.upsert.request.json');
        $saved = $this->management->upsert(RestOutput::callFromRequest($request));
        self::assertSame(RestOutput::contract('calls.upsert.response.json'), RestOutput::toArray($saved));
    }

    public function testUpsertIsIdempotentOnCallId(): void
    {
        $request = RestOutput::contract('calls.upsert.request.json');
        $first = RestOutput::toArray($this->management->upsert(RestOutput::callFromRequest($request)));
        $id = $this->db->fetchOne('SELECT entity_id FROM bandeau_call');
        $second = RestOutput::toArray($this->management->upsert(RestOutput::callFromRequest($request)));
        self::assertSame(1, $this->callCount());
        self::assertSame($first, $second);
        self::assertSame($id, $this->db->fetchOne('SELECT entity_id FROM bandeau_call'));
    }

    public function testLaterDeliveryUpdatesAndNullsKeepStoredValues(): void
    {
        $this->management->upsert(new Call([
            'call_id' => 'c1', 'direction' => 'inbound', 'from' => '+33612345678', 'to' => '1001',
            'started_at' => '2024-05-01T12:20:00Z', 'customer_id' => 12, 'note' => 'first words',
        ]));
        self::assertSame(0, (int)$this->db->fetchOne('SELECT duration_s FROM bandeau_call'));
        $updated = $this->management->upsert(new Call([
            'call_id' => 'c1', 'direction' => 'inbound', 'started_at' => '2024-05-01T14:20:00+02:00',
            'answered_at' => '2024-05-01T12:20:05Z', 'ended_at' => '2024-05-01T12:21:00Z',
            'duration_s' => 60, 'talk_s' => 55, 'disposition' => 'answered', 'agent_user_id' => 7,
        ]));
        self::assertSame(1, $this->callCount());
        self::assertSame('+33612345678', $updated->getFrom());
        self::assertSame(12, $updated->getCustomerId());
        self::assertSame('first words', $updated->getNote());
        self::assertSame('2024-05-01T12:20:00Z', $updated->getStartedAt(), 'offset converted to UTC');
        self::assertSame(60, $updated->getDurationS());
        self::assertSame(55, $updated->getTalkS());
        self::assertSame(7, $updated->getAgentUserId());

        $again = $this->management->upsert(new Call([
            'call_id' => 'c1', 'direction' => 'inbound', 'started_at' => '2024-05-01T12:20:00Z',
        ]));
        self::assertSame(60, $again->getDurationS(), 'absent counters keep their value');
    }

    public function testUnknownReferencesAreStoredAsNull(): void
    {
        $saved = $this->management->upsert(new Call([
            'call_id' => 'c2', 'direction' => 'outbound', 'started_at' => '2024-05-01T12:20:00Z',
            'customer_id' => 999, 'order_id' => 998, 'agent_user_id' => 997, 'campaign_id' => 3,
        ]));
        self::assertNull($saved->getCustomerId());
        self::assertNull($saved->getOrderId());
        self::assertNull($saved->getAgentUserId());
        self::assertSame(3, $saved->getCampaignId());
    }

    public function testDeletingTheCustomerSetsCustomerIdToNull(): void
    {
        $this->management->upsert(new Call([
            'call_id' => 'c3', 'direction' => 'inbound', 'started_at' => '2024-05-01T12:20:00Z', 'customer_id' => 12,
        ]));
        $this->db->query('DELETE FROM customer_entity WHERE entity_id = ?', [12]);
        self::assertSame(1, $this->callCount(), 'the call stays in the log');
        self::assertNull($this->repository->getByCallId('c3')->getCustomerId());
    }

    public function testDeletingTheAgentOrOrderSetsNull(): void
    {
        $this->management->upsert(new Call([
            'call_id' => 'c4', 'direction' => 'outbound', 'started_at' => '2024-05-01T12:20:00Z',
            'agent_user_id' => 8, 'order_id' => 42,
        ]));
        $this->db->query('DELETE FROM admin_user WHERE user_id = ?', [8]);
        $this->db->query('DELETE FROM sales_order WHERE entity_id = ?', [42]);
        $call = $this->repository->getByCallId('c4');
        self::assertNull($call->getAgentUserId());
        self::assertNull($call->getOrderId());
    }

    public function testGetByUnknownCallIdThrows(): void
    {
        $this->expectException(NoSuchEntityException::class);
        $this->repository->getByCallId('nope');
    }

    public function testSearchWithCriteria(): void
    {
        foreach (['2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z', '2024-05-02T10:00:00Z'] as $i => $start) {
            $this->management->upsert(new Call([
                'call_id' => 's' . $i, 'direction' => $i === 1 ? 'outbound' : 'inbound', 'started_at' => $start,
                'customer_id' => $i < 2 ? 12 : null, 'disposition' => 'answered',
            ]));
        }
        $criteria = (new SearchCriteria())
            ->setFilterGroups([
                (new FilterGroup())->setFilters([(new Filter())->setField('customer_id')->setValue('12')]),
                (new FilterGroup())->setFilters([
                    (new Filter())->setField('started_at')->setValue('2024-05-01T00:00:00Z')->setConditionType('gteq'),
                ]),
            ])
            ->setSortOrders([new SortOrder(['field' => 'started_at', 'direction' => 'ASC'])])
            ->setPageSize(1)
            ->setCurrentPage(2);
        $results = $this->repository->getList($criteria);
        self::assertSame(2, $results->getTotalCount());
        self::assertCount(1, $results->getItems());
        self::assertSame('s1', $results->getItems()[0]->getCallId());

        $in = (new SearchCriteria())->setFilterGroups([
            (new FilterGroup())->setFilters([
                (new Filter())->setField('direction')->setValue('outbound,internal')->setConditionType('in'),
                (new Filter())->setField('customer_id')->setConditionType('null'),
            ]),
        ]);
        $ids = array_map(static fn (CallInterface $c) => $c->getCallId(), $this->repository->getList($in)->getItems());
        self::assertSame(['s2', 's1'], $ids);
    }

    public function testSearchRefusesUnknownFields(): void
    {
        $criteria = (new SearchCriteria())->setFilterGroups([
            (new FilterGroup())->setFilters([(new Filter())->setField('1=1; DROP TABLE x')->setValue('1')]),
        ]);
        $this->expectException(\Magento\Framework\Exception\InputException::class);
        $this->repository->getList($criteria);
    }

    public function testNoteBeforeTheBridgeDeliversCreatesTheCallThenTheRecordFillsIt(): void
    {
        $this->management->saveNote('early', 'Wants a refund', 7, false, 'outbound');
        $row = $this->row('SELECT * FROM bandeau_call WHERE call_id = ?', ['early']);
        self::assertSame('Wants a refund', $row['note']);
        self::assertSame('outbound', $row['direction']);
        self::assertSame('7', (string)$row['agent_user_id']);

        $call = $this->management->upsert(new Call([
            'call_id' => 'early', 'direction' => 'outbound', 'started_at' => '2024-05-01T12:00:00Z',
            'to' => '+33612345678', 'duration_s' => 40, 'note' => null, 'agent_user_id' => 7,
        ]));
        self::assertSame('Wants a refund', $call->getNote());
        self::assertSame('2024-05-01T12:00:00Z', $call->getStartedAt());
        self::assertSame(1, $this->callCount());
    }

    public function testNoteOnAnotherAgentsCallNeedsAllCalls(): void
    {
        $this->management->upsert(new Call([
            'call_id' => 'bobs', 'direction' => 'inbound', 'started_at' => '2024-05-01T12:00:00Z', 'agent_user_id' => 8,
        ]));
        try {
            $this->management->saveNote('bobs', 'not mine', 7);
            self::fail('another agent could write the note');
        } catch (AuthorizationException $e) {
            self::assertNull($this->repository->getByCallId('bobs')->getNote());
        }
        self::assertSame('supervisor', $this->management->saveNote('bobs', 'supervisor', 7, true)->getNote());
        self::assertSame(8, $this->repository->getByCallId('bobs')->getAgentUserId());
    }
}
