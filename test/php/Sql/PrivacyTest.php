<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Controller\Adminhtml\Customer\Export;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Model\CallManagement;
use Bandeau\Cti\Model\CallRepository;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Config\Source\RetentionModeOptions;
use Bandeau\Cti\Model\Export\CallCsv;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\Privacy\CallAnonymiser;
use Bandeau\Cti\Model\Privacy\RetentionMode;
use Bandeau\Cti\Setup\Patch\Data\FillCallPartyKeys;
use Bandeau\Cti\Test\Support\Builders;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\RawFactory;

/**
 * Retention (anonymise or pseudonymise) and erasure of a deleted customer's calls, including the
 * calls from their numbers that no customer was linked to (issue 14, finding 6).
 */
class PrivacyTest extends SqlTestCase
{
    private const NOW = '2024-06-01T00:00:00Z';
    /** The shop reads national numbers as French. */
    private const FR = [Config::XML_PATH_DEFAULT_COUNTRY => 'FR', Config::XML_PATH_RETENTION_DAYS => '30'];
    private const MINE = '+33612345678';
    private const THEIRS = '+33698765432';

    private CallManagement $management;
    private CallRepository $repository;

    protected function setUp(): void
    {
        parent::setUp();
        $this->insert('customer_entity', ['entity_id' => 12, 'email' => 'm@example.com']);
        $this->insert('customer_entity', ['entity_id' => 13, 'email' => 'n@example.com']);
        $this->insert('admin_user', ['user_id' => 7, 'username' => 'ann', 'bandeau_extension' => '1001']);
        $this->insert('sales_order', ['entity_id' => 42, 'increment_id' => '42', 'customer_id' => 12]);
        $this->repository = new CallRepository(
            $this->resource,
            new CallMapper(),
            Builders::callValidator(),
            Builders::callSearchQuery(),
            Builders::partyNumber($this->resource, self::FR)
        );
        $this->management = Builders::callManagement($this->resource, $this->repository, strtotime(self::NOW));
    }

    /**
     * A finished, wrapped-up call with every field filled.
     */
    private function call(string $id, string $direction, string $startedAt, ?int $customerId = 12, string $number = self::MINE): void
    {
        $this->management->upsert(new Call([
            'call_id' => $id, 'direction' => $direction, 'started_at' => $startedAt, 'customer_id' => $customerId,
            'from' => $direction === 'outbound' || $direction === 'internal' ? '1001' : $number,
            'to' => $direction === 'outbound' ? $number : '1002',
            'note' => 'note ' . $id, 'recording_url' => 'https://rec.example.com/' . $id . '.wav',
            'order_id' => $customerId === 12 ? 42 : null, 'agent_user_id' => 7, 'agent_extension' => '1001',
            'answered_at' => $startedAt, 'duration_s' => 95, 'talk_s' => 80, 'disposition' => 'answered',
            'queue' => 'support', 'wait_s' => 12, 'transferred_to' => '+33155501234',
        ]));
        $this->db->query(
            "UPDATE bandeau_call SET outcome = 'sale', tags = 'vip,complaint', follow_up_at = '2024-07-01 09:00:00',"
            . ' wrapped_up_at = started_at WHERE call_id = ?',
            [$id]
        );
    }

    private function anonymiser(array $config = []): CallAnonymiser
    {
        return Builders::callAnonymiser($this->resource, $config + self::FR, strtotime(self::NOW));
    }

    /** @return array<string, mixed> */
    private function stored(string $id): array
    {
        $row = $this->row('SELECT * FROM bandeau_call WHERE call_id = ?', [$id]);
        self::assertIsArray($row, $id);
        return $row;
    }

    /** Customer 12's number in the phone index (address typed as the shop's customers write it). */
    private function indexCustomerNumber(int $customerId, int $addressId, string $telephone): void
    {
        $this->insert('customer_address_entity', [
            'entity_id' => $addressId, 'parent_id' => $customerId, 'country_id' => 'FR', 'firstname' => 'M',
            'lastname' => 'C', 'telephone' => $telephone,
        ]);
        (new PhoneIndexer($this->resource, new PhoneNormaliser(), Builders::config(self::FR)))->reindexCustomer($customerId);
    }

    private const STATS = [
        'direction', 'started_at', 'answered_at', 'duration_s', 'talk_s', 'disposition', 'queue_name', 'wait_s',
        'agent_user_id', 'agent_extension', 'wrapped_up_at',
    ];

    public function testCallsGetTheirOutsideNumberInE164WhateverThePbxWrote(): void
    {
        $this->management->upsert(new Call([
            'call_id' => 'national', 'direction' => 'inbound', 'started_at' => self::NOW, 'from' => '06 12 34 56 78', 'to' => '1002',
        ]));
        $this->management->upsert(new Call([
            'call_id' => 'out', 'direction' => 'outbound', 'started_at' => self::NOW, 'from' => '1001', 'to' => '0033612345678',
        ]));
        $this->management->upsert(new Call([
            'call_id' => 'internal', 'direction' => 'internal', 'started_at' => self::NOW, 'from' => '1001', 'to' => '1002',
        ]));
        $this->management->upsert(new Call([
            'call_id' => 'hidden', 'direction' => 'inbound', 'started_at' => self::NOW, 'from' => 'anonymous', 'to' => '1002',
        ]));
        self::assertSame(self::MINE, $this->stored('national')['party_key']);
        self::assertSame(self::MINE, $this->stored('out')['party_key']);
        self::assertNull($this->stored('internal')['party_key']);
        self::assertNull($this->stored('hidden')['party_key']);
    }

    public function testRetentionAnonymisesEveryPersonalFieldAndKeepsTheStatistics(): void
    {
        $this->call('old-in', 'inbound', '2024-04-01T00:00:00Z');
        $this->call('old-out', 'outbound', '2024-04-01T00:00:00Z');
        $this->call('old-internal', 'internal', '2024-04-01T00:00:00Z', null);
        $this->call('recent', 'inbound', '2024-05-20T00:00:00Z');
        $this->call('edge', 'inbound', '2024-05-02T00:00:00Z');
        $before = $this->stored('old-in');

        self::assertSame(3, $this->anonymiser()->anonymiseExpired());

        foreach (['old-in', 'old-out', 'old-internal'] as $id) {
            $row = $this->stored($id);
            foreach (['note', 'recording_url', 'customer_id', 'order_id', 'follow_up_at', 'party_key'] as $column) {
                self::assertNull($row[$column], $id . ' ' . $column);
            }
            self::assertNull($row['transferred_to'], $id . ': an outside transfer target is a number too');
            self::assertNotNull($row['anonymised_at']);
            self::assertSame('sale', $row['outcome'], 'outcome and tags, from the configured lists, stay as statistics');
            self::assertSame('vip,complaint', $row['tags']);
        }
        $oldIn = $this->stored('old-in');
        self::assertNull($oldIn['from_number']);
        self::assertSame('1002', $oldIn['to_number'], 'the agent side is no personal data of the caller');
        foreach (self::STATS as $column) {
            self::assertSame($before[$column], $oldIn[$column], $column . ' is kept');
        }
        self::assertSame('1001', $this->stored('old-out')['from_number']);
        self::assertNull($this->stored('old-out')['to_number']);
        self::assertSame('1001', $this->stored('old-internal')['from_number']);
        foreach (['recent', 'edge'] as $id) {
            $row = $this->stored($id);
            self::assertSame(self::MINE, $row['from_number']);
            self::assertSame('note ' . $id, $row['note']);
            self::assertSame('12', (string)$row['customer_id']);
            self::assertNull($row['anonymised_at']);
        }
        self::assertSame(0, $this->anonymiser()->anonymiseExpired(), 'a second run has nothing to do');
    }

    public function testRetentionPseudonymisesTheNumberSoRepeatCallersCanBeCounted(): void
    {
        $config = [RetentionMode::XML_PATH_MODE => RetentionMode::PSEUDONYMISE];
        $this->call('a', 'inbound', '2024-04-01T00:00:00Z', null, '06 12 34 56 78');
        $this->call('b', 'inbound', '2024-04-02T00:00:00Z', 12, '+33 6 12 34 56 78');
        $this->call('c', 'outbound', '2024-04-03T00:00:00Z', null, '0033612345678');
        $this->call('other', 'inbound', '2024-04-04T00:00:00Z', 13, self::THEIRS);
        $before = $this->stored('a');

        self::assertSame(4, $this->anonymiser($config)->anonymiseExpired());

        $pseudonym = Builders::pseudonym($config + self::FR);
        // No key configured: derived from the bridge's shared secret.
        $key = hash_hmac('sha256', 'bandeau-cti call pseudonyms v1', Builders::SECRET, true);
        $expected = 'h:' . substr(hash_hmac('sha256', self::MINE, $key), 0, 32);
        self::assertSame($expected, $pseudonym->of(self::MINE), 'HMAC-SHA256 of the E.164 number, 128 bits');
        foreach (['a', 'b', 'c'] as $id) {
            $row = $this->stored($id);
            self::assertSame($expected, $row['party_key'], $id . ': the same caller, however the PBX wrote the number');
            self::assertStringNotContainsString('612345678', implode('|', array_map('strval', $row)));
            foreach (['note', 'recording_url', 'customer_id', 'order_id', 'follow_up_at', 'transferred_to'] as $column) {
                self::assertNull($row[$column], $id . ' ' . $column);
            }
        }
        self::assertNull($this->stored('a')['from_number']);
        self::assertNull($this->stored('c')['to_number']);
        self::assertSame($pseudonym->of(self::THEIRS), $this->stored('other')['party_key']);
        self::assertNotSame($expected, $this->stored('other')['party_key']);
        foreach (self::STATS as $column) {
            self::assertSame($before[$column], $this->stored('a')[$column], $column . ' is kept');
        }
        self::assertSame(
            [['party_key' => $expected, 'calls' => 3], ['party_key' => $pseudonym->of(self::THEIRS), 'calls' => 1]],
            array_map(
                static fn (array $r) => ['party_key' => $r['party_key'], 'calls' => (int)$r['calls']],
                $this->db->fetchAll('SELECT party_key, COUNT(*) AS calls FROM bandeau_call GROUP BY party_key ORDER BY calls DESC')
            )
        );
    }

    public function testSwitchingBackToAnonymisationRemovesThePseudonyms(): void
    {
        $this->call('a', 'inbound', '2024-04-01T00:00:00Z', null);
        $this->call('recent', 'inbound', '2024-05-30T00:00:00Z', null);
        $this->anonymiser([RetentionMode::XML_PATH_MODE => RetentionMode::PSEUDONYMISE])->anonymiseExpired();
        self::assertStringStartsWith('h:', (string)$this->stored('a')['party_key']);

        self::assertSame(1, $this->anonymiser()->anonymiseExpired());
        self::assertNull($this->stored('a')['party_key']);
        self::assertSame(self::MINE, $this->stored('recent')['party_key'], 'a recent call keeps its number');
    }

    public function testPseudonymsDependOnTheKeyAndWithoutAnyKeyRetentionAnonymises(): void
    {
        self::assertSame(RetentionMode::MODES, array_column((new RetentionModeOptions())->toOptionArray(), 'value'));
        self::assertSame(RetentionMode::ANONYMISE, (new RetentionMode(Builders::scopeConfig(), Builders::config()))->getMode());
        $keyed = Builders::pseudonym([RetentionMode::XML_PATH_PSEUDONYM_KEY => 'another key']);
        self::assertNotSame(Builders::pseudonym()->of(self::MINE), $keyed->of(self::MINE));
        self::assertSame(
            'h:' . substr(hash_hmac('sha256', self::MINE, 'another key'), 0, 32),
            $keyed->of(self::MINE),
            'the configured key, stored encrypted, is used as typed'
        );

        $this->call('a', 'inbound', '2024-04-01T00:00:00Z', null);
        $noKey = [
            RetentionMode::XML_PATH_MODE => RetentionMode::PSEUDONYMISE, Config::XML_PATH_SHARED_SECRET => '',
        ];
        self::assertSame(1, $this->anonymiser($noKey)->anonymiseExpired());
        self::assertNull($this->stored('a')['party_key']);
    }

    public function testZeroRetentionKeepsEverything(): void
    {
        $this->call('old-in', 'inbound', '2020-01-01T00:00:00Z');
        self::assertSame(0, $this->anonymiser([Config::XML_PATH_RETENTION_DAYS => '0'])->anonymiseExpired());
        self::assertSame(self::MINE, $this->stored('old-in')['from_number']);
    }

    public function testTransferTargetsThatAreOutsideNumbersGoWithTheNumbers(): void
    {
        foreach (['to-number' => '+33155501234', 'to-digits' => '0155501234', 'to-agent' => '7003'] as $id => $to) {
            $this->management->upsert(new Call([
                'call_id' => $id, 'direction' => 'inbound', 'started_at' => '2024-04-01T00:00:00Z',
                'from' => self::MINE, 'to' => '1002', 'transferred_to' => $to, 'queue' => 'support',
                'wait_s' => 12,
            ]));
        }
        self::assertSame(3, $this->anonymiser()->anonymiseExpired());
        self::assertNull($this->repository->getByCallId('to-number')->getTransferredTo());
        self::assertNull($this->repository->getByCallId('to-digits')->getTransferredTo());
        $toAgent = $this->repository->getByCallId('to-agent');
        self::assertSame('7003', $toAgent->getTransferredTo(), 'an extension is no personal data');
        self::assertSame('support', $toAgent->getQueue());
        self::assertSame(12, $toAgent->getWaitS());
    }

    /**
     * The attack: a customer asks to be forgotten; calls from their number that the agent never
     * linked to the card kept the number and the note.
     */
    public function testDeletingACustomerErasesTheirUnlinkedCallsFromAnyOfTheirNumbers(): void
    {
        $this->indexCustomerNumber(12, 100, '06 12 34 56 78');
        $this->indexCustomerNumber(12, 101, '01 55 50 12 99');
        $this->indexCustomerNumber(13, 102, '06 98 76 54 32');
        $this->call('linked', 'inbound', '2024-05-20T00:00:00Z', 12);
        $this->call('unlinked-national', 'inbound', '2024-05-21T00:00:00Z', null, '0612345678');
        $this->call('unlinked-out', 'outbound', '2024-05-22T00:00:00Z', null, '+33 6 12 34 56 78');
        $this->call('unlinked-landline', 'inbound', '2024-05-23T00:00:00Z', null, '+33155501299');
        $this->call('shared-line-of-13', 'inbound', '2024-05-24T00:00:00Z', 13, self::MINE);
        $this->call('thirteen', 'inbound', '2024-05-25T00:00:00Z', 13, self::THEIRS);
        $this->call('stranger', 'inbound', '2024-05-26T00:00:00Z', null, '+33611111111');
        $campaign = $this->insert('bandeau_campaign', ['name' => 'Carts', 'audience_at' => '2024-05-01 00:00:00']);
        foreach ([12 => self::MINE, 13 => self::THEIRS] as $customerId => $phone) {
            $contact = $this->insert('bandeau_campaign_contact', [
                'campaign_id' => $campaign, 'quote_id' => $customerId, 'customer_id' => $customerId,
                'phone_e164' => $phone, 'cart_updated_at' => '2024-05-01 00:00:00', 'last_note' => 'said call back',
            ]);
            $this->insert('bandeau_campaign_event', [
                'campaign_id' => $campaign, 'contact_id' => $contact, 'type' => 'skip', 'reason' => 'busy',
                'created_at' => '2024-05-01 00:00:00',
            ]);
        }
        $others = array_map(fn (string $id) => $this->stored($id), ['shared-line-of-13', 'thirteen', 'stranger']);

        self::assertSame(4, $this->anonymiser()->anonymiseCustomer(12));
        $this->db->query('DELETE FROM customer_entity WHERE entity_id = ?', [12]);

        foreach (['linked', 'unlinked-national', 'unlinked-out', 'unlinked-landline'] as $id) {
            $row = $this->stored($id);
            foreach ([
                'note', 'recording_url', 'customer_id', 'order_id', 'outcome', 'tags', 'follow_up_at',
                'transferred_to', 'party_key',
            ] as $column) {
                self::assertNull($row[$column], $id . ' ' . $column);
            }
            $kept = implode('|', array_map('strval', $row));
            self::assertStringNotContainsString('612345678', $kept, $id);
            self::assertStringNotContainsString('155501299', $kept, $id);
            self::assertSame('answered', $row['disposition']);
            self::assertSame('95', (string)$row['duration_s']);
        }
        self::assertSame('1001', $this->stored('unlinked-out')['from_number'], 'the agent side stays');
        // Other customers' calls, and a call another customer was linked to on a shared line, are theirs.
        self::assertSame($others, array_map(fn (string $id) => $this->stored($id), ['shared-line-of-13', 'thirteen', 'stranger']));
        // The campaign contact and its events went with the customer; the other customer's stay.
        self::assertSame(['13'], array_map('strval', $this->db->fetchCol('SELECT customer_id FROM bandeau_campaign_contact')));
        self::assertSame(1, (int)$this->db->fetchOne('SELECT COUNT(*) FROM bandeau_campaign_event'));
        self::assertSame(0, (int)$this->db->fetchOne('SELECT COUNT(*) FROM bandeau_phone_index WHERE customer_id = 12'));

        // The bridge redelivers a record (outbox retry): nothing personal comes back.
        $this->management->upsert(new Call([
            'call_id' => 'unlinked-national', 'direction' => 'inbound', 'started_at' => '2024-05-21T00:00:00Z',
            'from' => '0612345678', 'to' => '1002', 'recording_url' => 'https://rec.example.com/again.wav',
            'duration_s' => 96,
        ]));
        $again = $this->stored('unlinked-national');
        self::assertNull($again['from_number']);
        self::assertNull($again['party_key']);
        self::assertNull($again['recording_url']);
        self::assertSame('96', (string)$again['duration_s'], 'the statistics still update');
    }

    public function testErasureAlsoReachesCallsAlreadyPseudonymisedFromTheirNumbers(): void
    {
        $config = [RetentionMode::XML_PATH_MODE => RetentionMode::PSEUDONYMISE];
        $this->indexCustomerNumber(12, 100, '06 12 34 56 78');
        $this->call('old', 'inbound', '2024-01-01T00:00:00Z', 12);
        $this->call('old-13', 'inbound', '2024-01-01T00:00:00Z', 13, self::THEIRS);
        $this->anonymiser($config)->anonymiseExpired();
        self::assertNotNull($this->stored('old')['party_key']);

        self::assertSame(['old'], array_map(
            static fn ($call) => $call->getCallId(),
            Builders::dataSubjectCalls($this->resource, $config + self::FR)->listCalls(12)
        ));
        self::assertSame(1, $this->anonymiser($config)->anonymiseCustomer(12));
        self::assertNull($this->stored('old')['party_key']);
        self::assertNotNull($this->stored('old-13')['party_key']);
    }

    public function testErasureOfManyCallsIsOneStatementPerPart(): void
    {
        $this->indexCustomerNumber(12, 100, '06 12 34 56 78');
        $this->call('seed', 'inbound', '2024-05-20T00:00:00Z', null);
        $this->call('other', 'inbound', '2024-05-20T00:00:00Z', 13, self::THEIRS);
        // 16,384 unlinked calls from the number, by doubling.
        for ($i = 0; $i < 14; $i++) {
            $this->db->query(
                'INSERT INTO bandeau_call (call_id, direction, from_number, to_number, started_at, note, party_key)'
                . " SELECT CONCAT(call_id, '-', ?), direction, from_number, to_number, started_at, note, party_key"
                . ' FROM bandeau_call WHERE party_key = ?',
                [$i, self::MINE]
            );
        }
        self::assertSame(16384, (int)$this->db->fetchOne('SELECT COUNT(*) FROM bandeau_call WHERE party_key = ?', [self::MINE]));

        $updates = fn (): int => (int)array_sum(array_map(
            static fn (array $r) => (int)$r['Value'],
            $this->db->fetchAll("SHOW SESSION STATUS WHERE Variable_name IN ('Com_update', 'Com_update_multi')")
        ));
        $before = $updates();
        self::assertSame(16384, $this->anonymiser()->anonymiseCustomer(12));
        self::assertSame(2, $updates() - $before, 'two UPDATE statements, no loop over the rows');
        self::assertSame(['other'], $this->db->fetchCol(
            'SELECT call_id FROM bandeau_call WHERE from_number IS NOT NULL OR note IS NOT NULL OR party_key IS NOT NULL'
        ), 'only the other customer\'s call keeps its number and note');
        self::assertSame('note other', $this->stored('other')['note']);
    }

    /**
     * Access request: the export lists exactly what erasure would clear.
     */
    public function testTheExportCoversTheSameCallsAsErasure(): void
    {
        $this->indexCustomerNumber(12, 100, '06 12 34 56 78');
        $this->indexCustomerNumber(13, 102, '06 98 76 54 32');
        $this->call('linked', 'inbound', '2024-05-20T00:00:00Z', 12, '+33199999999');
        $this->call('unlinked', 'inbound', '2024-05-21T00:00:00Z', null, '0612345678');
        $this->call('unlinked-out', 'outbound', '2024-05-22T00:00:00Z', null, self::MINE);
        $this->call('shared-line-of-13', 'inbound', '2024-05-24T00:00:00Z', 13, self::MINE);
        $this->call('thirteen', 'inbound', '2024-05-25T00:00:00Z', 13, self::THEIRS);
        $this->call('stranger', 'inbound', '2024-05-26T00:00:00Z', null, '+33611111111');

        $listed = array_map(
            static fn ($call) => $call->getCallId(),
            Builders::dataSubjectCalls($this->resource, self::FR)->listCalls(12)
        );
        self::assertSame(['unlinked-out', 'unlinked', 'linked'], $listed);

        $controller = new Export(
            new Context(new Request(['customer_id' => '12']), Builders::authorization(['all_calls'])),
            new RawFactory(),
            Builders::dataSubjectCalls($this->resource, self::FR),
            new CallCsv()
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        $body = $response->getBody();
        foreach (['linked', 'unlinked', 'unlinked-out'] as $id) {
            self::assertMatchesRegularExpression('/^' . preg_quote($id, '/') . ',/m', $body);
        }
        foreach (['shared-line-of-13', 'thirteen', 'stranger'] as $id) {
            self::assertStringNotContainsString($id, $body);
        }

        self::assertSame(3, $this->anonymiser()->anonymiseCustomer(12));
        self::assertEqualsCanonicalizing(
            $listed,
            $this->db->fetchCol('SELECT call_id FROM bandeau_call WHERE anonymised_at IS NOT NULL')
        );
    }

    public function testSetupPatchFillsThePartyNumberOfOlderCalls(): void
    {
        foreach (['in' => ['inbound', '06 12 34 56 78', '1002'], 'out' => ['outbound', '1001', '+33698765432'],
            'internal' => ['internal', '1001', '1002'], 'hidden' => ['inbound', 'anonymous', '1002']] as $id => [$d, $f, $t]) {
            $this->insert('bandeau_call', [
                'call_id' => $id, 'direction' => $d, 'from_number' => $f, 'to_number' => $t, 'started_at' => '2023-01-01',
            ]);
        }
        $patch = new FillCallPartyKeys(Builders::partyNumber($this->resource, self::FR));
        self::assertSame($patch, $patch->apply());
        self::assertSame([], FillCallPartyKeys::getDependencies());
        self::assertSame(self::MINE, $this->stored('in')['party_key']);
        self::assertSame(self::THEIRS, $this->stored('out')['party_key']);
        self::assertNull($this->stored('internal')['party_key']);
        self::assertNull($this->stored('hidden')['party_key']);
        self::assertSame(0, Builders::partyNumber($this->resource, self::FR)->backfill(1), 'a second run fills nothing');
    }
}
