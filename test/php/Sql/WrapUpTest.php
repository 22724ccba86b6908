<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Controller\Adminhtml\Call\Note;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\CallManagement;
use Bandeau\Cti\Model\CallRepository;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Model\WrapUp\CallWrapUp;
use Bandeau\Cti\Model\WrapUp\WrapUp;
use Bandeau\Cti\Model\WrapUp\WrapUpOptions;
use Bandeau\Cti\Model\WrapUp\WrapUpReader;
use Bandeau\Cti\Model\WrapUp\WrapUpValidator;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\TranslatableStrings;
use Bandeau\Cti\Ui\Component\Listing\Column\WrapUpText;
use Bandeau\Cti\Model\Lookup\CustomerCardQuery;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\ViewModel\CallHistory;
use Magento\Framework\Escaper;
use Magento\Framework\View\Element\Template;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Exception\AuthorizationException;
use Magento\Framework\Exception\InputException;
use Magento\Framework\View\Element\UiComponent\ContextInterface;
use Magento\Framework\View\Element\UiComponentFactory;
use PHPUnit\Framework\Attributes\DataProvider;

/**
 * The wrap-up of a call (issue 13, point 5): checked against the configured outcomes and tags,
 * the follow-up date read and bounded, saved on the call log row (created when the bridge has not
 * delivered the call yet, left alone when it does), through the real controller and SQL.
 */
class WrapUpTest extends SqlTestCase
{
    /** Wednesday 2026-11-18 10:00 UTC. */
    private const NOW = 1794996000;

    private ArrayScopeConfig $scopeConfig;
    private CallRepository $repository;
    private CallManagement $management;

    protected function setUp(): void
    {
        parent::setUp();
        $this->insert('admin_user', ['user_id' => 7, 'username' => 'ann', 'firstname' => 'Ann', 'bandeau_extension' => '1001']);
        $this->insert('admin_user', ['user_id' => 8, 'username' => 'bob', 'firstname' => 'Bob', 'bandeau_extension' => '1002']);
        $this->insert('customer_entity', ['entity_id' => 12, 'email' => 'roni_cost@example.com', 'firstname' => 'Veronica']);
        $this->scopeConfig = new ArrayScopeConfig();
        $this->repository = Builders::callRepository($this->resource);
        $this->management = Builders::callManagement($this->resource, $this->repository, self::NOW);
    }

    private function options(): WrapUpOptions
    {
        return new WrapUpOptions($this->scopeConfig);
    }

    private function service(): CallWrapUp
    {
        return new CallWrapUp(
            new WrapUpValidator($this->options()),
            $this->repository,
            $this->management,
            $this->resource,
            new FixedClock(self::NOW),
            new WrapUpReader($this->resource),
            new \Bandeau\Cti\Model\Access\CallParticipation($this->resource, new \Bandeau\Cti\Model\Agent\AgentProfile())
        );
    }

    private function callRow(string $callId): array
    {
        return $this->db->fetchRow('SELECT * FROM bandeau_call WHERE call_id = ?', [$callId]);
    }

    /**
     * @return array{0: int, 1: array}
     */
    private function post(array $post, int $userId = 7, array $perms = ['phone_bar']): array
    {
        $session = new Session();
        $session->setUser(Builders::user(['user_id' => (string)$userId]));
        $controller = new Note(
            new Context(new Request([], 'POST', $post + ['form_key' => 'k']), Builders::authorization($perms)),
            new JsonFactory(),
            $session,
            $this->service()
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), json_decode($response->getBody(), true)];
    }

    public function testDefaultListsAreTheSaneOnesAndConfigXmlAgrees(): void
    {
        self::assertSame(['Order placed', 'Question answered', 'Complaint', 'To call back', 'Wrong number'], $this->options()->outcomes());
        self::assertSame(WrapUpOptions::DEFAULT_TAGS, $this->options()->tags());
        $config = simplexml_load_file(TranslatableStrings::MODULE_DIR . '/etc/config.xml');
        $lines = static fn ($node): array => array_values(array_filter(array_map('trim', explode("\n", (string)$node))));
        self::assertSame(WrapUpOptions::DEFAULT_OUTCOMES, $lines($config->default->bandeau->wrap_up->outcomes));
        self::assertSame(WrapUpOptions::DEFAULT_TAGS, $lines($config->default->bandeau->wrap_up->tags));
        // Every default is translated (the bar and the Calls tab show them in the admin's language).
        $fr = array_column(array_map('str_getcsv', file(TranslatableStrings::MODULE_DIR . '/i18n/fr_FR.csv')), 1, 0);
        foreach (array_merge(WrapUpOptions::DEFAULT_OUTCOMES, WrapUpOptions::DEFAULT_TAGS) as $value) {
            self::assertArrayHasKey($value, $fr, "fr_FR lacks $value");
        }
    }

    public function testConfiguredListsAreReadLineByLine(): void
    {
        $this->scopeConfig->set(WrapUpOptions::XML_PATH_OUTCOMES, "  Sold \r\n\nSold\n" . str_repeat('é', 70) . "\nRefund\t asked\n");
        $this->scopeConfig->set(WrapUpOptions::XML_PATH_TAGS, "VIP, gold\n\n");
        self::assertSame(['Sold', str_repeat('é', 64), 'Refund asked'], $this->options()->outcomes());
        self::assertSame(['VIP gold'], $this->options()->tags(), 'a comma would split the stored tag list');
        $this->scopeConfig->set(WrapUpOptions::XML_PATH_TAGS, '');
        self::assertSame([], $this->options()->tags(), 'an emptied list stays empty');
        self::assertSame(
            ['outcomes' => [['value' => 'Sold', 'label' => 'Sold']], 'tags' => []],
            ['outcomes' => array_slice($this->options()->forPhoneBar()['outcomes'], 0, 1), 'tags' => []]
        );
    }

    public function testOutcomeMustBeOneOfTheConfiguredOutcomes(): void
    {
        $validator = new WrapUpValidator($this->options());
        self::assertSame('Complaint', $validator->validate(new WrapUp('c1', null, ' Complaint '), self::NOW)->getOutcome());
        $this->expectExceptionObject(new InputException(__('"%1" is not one of the configured outcomes.', 'Sold')));
        $validator->validate(new WrapUp('c1', null, 'Sold'), self::NOW);
    }

    public function testAnOutcomeRemovedFromTheListIsRefusedAndANewOneAccepted(): void
    {
        $this->scopeConfig->set(WrapUpOptions::XML_PATH_OUTCOMES, "Sold\nNot sold");
        $validator = new WrapUpValidator($this->options());
        self::assertSame('Sold', $validator->validate(new WrapUp('c1', null, 'Sold'), self::NOW)->getOutcome());
        $this->expectException(InputException::class);
        $validator->validate(new WrapUp('c1', null, 'Complaint'), self::NOW);
    }

    public function testTagsAreConfiguredTrimmedAndNotRepeated(): void
    {
        $validator = new WrapUpValidator($this->options());
        self::assertSame(
            ['Urgent', 'Delivery'],
            $validator->validate(new WrapUp('c1', 'n', null, [' Urgent', 'Delivery', 'Urgent', '']), self::NOW)->getTags()
        );
        try {
            $validator->validate(new WrapUp('c1', 'n', null, ['Delivery', 'Refund']), self::NOW);
            self::fail('an unknown tag was accepted');
        } catch (InputException $e) {
            self::assertSame('"Refund" is not one of the configured tags.', $e->getMessage());
        }
        $many = array_map(static fn (int $i): string => str_pad("Tag $i", 60, 'x'), range(1, 20));
        $this->scopeConfig->set(WrapUpOptions::XML_PATH_TAGS, implode("\n", $many));
        $this->expectExceptionObject(new InputException(__('Too many tags.')));
        (new WrapUpValidator($this->options()))->validate(new WrapUp('c1', 'n', null, $many), self::NOW);
    }

    /**
     * @return array<string, array{0: string, 1: string|null}>
     */
    public static function followUps(): array
    {
        return [
            'a day' => ['2026-11-20', '2026-11-20T00:00:00Z'],
            'today' => ['2026-11-18', '2026-11-18T00:00:00Z'],
            'date-time with offset, to UTC' => ['2026-11-20T09:30:00+01:00', '2026-11-20T08:30:00Z'],
            'date-time in UTC, seconds' => ['2026-11-20T09:30:15Z', '2026-11-20T09:30:15Z'],
            'browser toISOString' => ['2026-11-19T23:00:00.000Z', '2026-11-19T23:00:00Z'],
            'empty' => ['  ', null],
        ];
    }

    #[DataProvider('followUps')]
    public function testFollowUpDatesAreReadAsDaysOrInstants(string $input, ?string $stored): void
    {
        self::assertSame($stored, (new WrapUpValidator($this->options()))->followUp($input, self::NOW));
    }

    /**
     * @return array<string, array{0: string, 1: string}>
     */
    public static function badFollowUps(): array
    {
        return [
            'no such day' => ['2026-02-30', 'The follow-up date "2026-02-30" is not a date.'],
            'no such day, with time' => ['2026-02-30T10:00:00Z', 'The follow-up date "2026-02-30T10:00:00Z" is not a date.'],
            'no time zone' => ['2026-11-20T10:00', 'The follow-up date "2026-11-20T10:00" is not a date.'],
            'words' => ['next friday', 'The follow-up date "next friday" is not a date.'],
            'yesterday' => ['2026-11-17', 'The follow-up date is in the past.'],
            'in three years' => ['2029-11-20', 'The follow-up date is more than two years away.'],
        ];
    }

    #[DataProvider('badFollowUps')]
    public function testUnreadableOrOutOfRangeFollowUpsAreRefusedWithASentence(string $input, string $message): void
    {
        $this->expectExceptionObject(new InputException(__($message)));
        (new WrapUpValidator($this->options()))->followUp($input, self::NOW);
    }

    public function testAnEmptyWrapUpOrAnOverlongNoteIsRefused(): void
    {
        $validator = new WrapUpValidator($this->options());
        foreach ([new WrapUp('c1', '   '), new WrapUp('', 'x'), new WrapUp('c1', str_repeat('x', 65536))] as $bad) {
            try {
                $validator->validate($bad, self::NOW);
                self::fail('accepted: ' . json_encode($bad->toArray()));
            } catch (InputException $e) {
                self::assertNotSame('', $e->getMessage());
            }
        }
    }

    public function testWrapUpBeforeTheBridgeDeliversCreatesTheCallAndTheRecordLeavesItAlone(): void
    {
        [$status, $body] = $this->post([
            'call_id' => 'early', 'note' => 'Wants a refund', 'outcome' => 'Complaint', 'tags' => ['Returns', 'Urgent'],
            'follow_up_at' => '2026-11-20', 'customer_id' => '12', 'direction' => 'outbound',
        ]);
        self::assertSame(200, $status, json_encode($body));
        self::assertSame([
            'callId' => 'early', 'note' => 'Wants a refund', 'outcome' => 'Complaint', 'tags' => ['Returns', 'Urgent'],
            'followUpAt' => '2026-11-20T00:00:00Z', 'customerId' => 12,
        ], $body);
        $row = $this->callRow('early');
        self::assertSame(
            ['outbound', '7', '12', 'Complaint', 'Returns, Urgent', '2026-11-20 00:00:00', '2026-11-18 10:00:00'],
            [$row['direction'], (string)$row['agent_user_id'], (string)$row['customer_id'], $row['outcome'], $row['tags'],
                $row['follow_up_at'], $row['wrapped_up_at']]
        );
        // The bridge's record arrives afterwards (and again: delivery is at least once).
        for ($i = 0; $i < 2; $i++) {
            $this->management->upsert(new Call([
                'call_id' => 'early', 'direction' => 'outbound', 'started_at' => '2026-11-18T09:55:00Z',
                'to' => '+12122293326', 'duration_s' => 40, 'agent_user_id' => 7,
            ]));
        }
        $row = $this->callRow('early');
        self::assertSame(
            ['Wants a refund', 'Complaint', 'Returns, Urgent', '2026-11-20 00:00:00', '40', '2026-11-18 09:55:00'],
            [$row['note'], $row['outcome'], $row['tags'], $row['follow_up_at'], (string)$row['duration_s'], $row['started_at']]
        );
        self::assertSame(1, (int)$this->db->fetchOne('SELECT COUNT(*) FROM bandeau_call'));
    }

    public function testASecondWrapUpReplacesOutcomeTagsAndDateButAnEmptyNoteKeepsTheNote(): void
    {
        $this->management->upsert(new Call([
            'call_id' => 'c1', 'direction' => 'inbound', 'started_at' => '2026-11-18T09:00:00Z', 'agent_user_id' => 7,
            'customer_id' => 12,
        ]));
        self::assertSame(200, $this->post(['call_id' => 'c1', 'note' => 'First words', 'outcome' => 'To call back', 'tags' => 'Delivery'])[0]);
        [$status, $body] = $this->post(['call_id' => 'c1', 'note' => '', 'outcome' => 'Order placed', 'customer_id' => '999']);
        self::assertSame(200, $status, json_encode($body));
        self::assertSame(['First words', 'Order placed', [], null, 12], [
            $body['note'], $body['outcome'], $body['tags'], $body['followUpAt'], $body['customerId'],
        ], 'an unknown customer id is not linked');
        self::assertNull($this->callRow('c1')['tags']);
    }

    public function testAnotherAgentsCallNeedsAllCalls(): void
    {
        $this->management->upsert(new Call([
            'call_id' => 'bobs', 'direction' => 'inbound', 'started_at' => '2026-11-18T09:00:00Z', 'agent_user_id' => 8,
        ]));
        try {
            $this->service()->save(new WrapUp('bobs', 'not mine', 'Complaint'), 7);
            self::fail('another agent could wrap the call up');
        } catch (AuthorizationException $e) {
            self::assertNull($this->callRow('bobs')['outcome']);
        }
        [$status, $body] = $this->post(['call_id' => 'bobs', 'outcome' => 'Complaint'], 7);
        self::assertSame([403, 'forbidden'], [$status, $body['error']['code']]);
        self::assertSame('Complaint', $this->service()->save(new WrapUp('bobs', null, 'Complaint'), 7, true)->getOutcome());
        self::assertSame('8', (string)$this->callRow('bobs')['agent_user_id'], 'the call stays Bob\'s');
    }

    public function testRefusalsReachTheAgentAsSentences(): void
    {
        [$status, $body] = $this->post(['call_id' => 'c9', 'outcome' => 'Sold']);
        self::assertSame([400, 'invalid', '"Sold" is not one of the configured outcomes.'], [
            $status, $body['error']['code'], $body['error']['message'],
        ]);
        [$status, $body] = $this->post(['call_id' => 'c9', 'note' => 'x', 'follow_up_at' => '2026-11-01']);
        self::assertSame([400, 'The follow-up date is in the past.'], [$status, $body['error']['message']]);
        self::assertFalse($this->db->fetchRow('SELECT 1 FROM bandeau_call WHERE call_id = ?', ['c9']), 'nothing half-saved');
    }

    public function testGridColumnsShowStoredValuesInTheAdminsLanguage(): void
    {
        $column = new WrapUpText(
            new class implements ContextInterface {
            },
            new UiComponentFactory(),
            [],
            ['name' => 'tags']
        );
        $data = ['data' => ['items' => [['tags' => 'Delivery, Urgent'], ['tags' => null], ['tags' => 'Custom']]]];
        self::assertSame(
            ['Delivery, Urgent', null, 'Custom'],
            array_column($column->prepareDataSource($data)['data']['items'], 'tags')
        );
    }

    public function testTheCallsTabShowsOutcomeTagsFollowUpAndNoteEscaped(): void
    {
        $this->management->upsert(new Call([
            'call_id' => 'c1', 'direction' => 'inbound', 'started_at' => '2026-11-18T09:00:00Z', 'agent_user_id' => 7,
            'customer_id' => 12, 'from' => '+12122293326',
        ]));
        $this->scopeConfig->set(WrapUpOptions::XML_PATH_OUTCOMES, "<b>Sold</b>");
        $this->service()->save(new WrapUp('c1', "<i>Asked</i>\nfor a refund", '<b>Sold</b>', ['Delivery'], '2026-11-20'), 7);
        $history = new CallHistory(
            $this->repository,
            new Request(['id' => '12']),
            new FakeBackendUrl(),
            new \Bandeau\Cti\Model\Access\CallVisibility(
                Builders::authorization(['phone_bar']),
                (new Session())->setUser(Builders::user(['user_id' => '7'])),
                new \Bandeau\Cti\Model\Agent\AgentProfile()
            ),
            new WrapUpReader($this->resource)
        );
        $block = new Template(['view_model' => $history, 'calls' => $history->getCustomerCalls()]);
        $escaper = new Escaper();
        $html = (static function (string $file) use ($block, $escaper): string {
            ob_start();
            include $file;
            return (string)ob_get_clean();
        })(TranslatableStrings::MODULE_DIR . '/view/adminhtml/templates/call-table.phtml');
        self::assertStringContainsString('&lt;b&gt;Sold&lt;/b&gt; · Delivery', $html);
        self::assertStringContainsString('Follow up on 2026-11-20', $html);
        self::assertStringContainsString('&lt;i&gt;Asked&lt;/i&gt;<br />', $html);
        self::assertStringNotContainsString('<b>Sold', $html);
        self::assertStringContainsString('>Wrap-up<', $html);
    }

    public function testTheScreenPopCardCarriesTheLastThreeCallsWithOutcomeAndAShortNote(): void
    {
        $this->insert('customer_entity', ['entity_id' => 13, 'email' => 'other@example.com', 'firstname' => 'Other']);
        foreach (['a' => '2026-11-01', 'b' => '2026-11-03', 'c' => '2026-11-02', 'd' => '2026-10-01'] as $id => $day) {
            $this->management->upsert(new Call([
                'call_id' => $id, 'direction' => 'inbound', 'started_at' => $day . 'T10:00:00Z', 'agent_user_id' => 7,
                'customer_id' => 12, 'disposition' => 'answered',
            ]));
        }
        $this->management->upsert(new Call([
            'call_id' => 'e', 'direction' => 'outbound', 'started_at' => '2026-11-05T10:00:00Z', 'customer_id' => 13,
        ]));
        $this->service()->save(new WrapUp('b', '  ' . str_repeat('long note ', 40), 'Complaint'), 7);
        $byCustomer = (new CustomerCardQuery($this->resource))->lastCalls([12, 13, 14]);
        self::assertSame([12, 13], array_keys($byCustomer));
        $calls = $byCustomer[12];
        self::assertSame(['b', 'c', 'a'], array_column($calls, 'callId'));
        self::assertSame(['2026-11-03T10:00:00Z', 'inbound', 'answered', 'Complaint'], [
            $calls[0]['startedAt'], $calls[0]['direction'], $calls[0]['disposition'], $calls[0]['outcome'],
        ]);
        self::assertSame(200, mb_strlen($calls[0]['note']));
        self::assertStringStartsWith('long note', $calls[0]['note']);
        self::assertStringEndsWith('…', $calls[0]['note']);
        self::assertSame([null, null], [$calls[1]['note'], $calls[1]['outcome']]);
        self::assertSame([['callId' => 'e', 'startedAt' => '2026-11-05T10:00:00Z', 'direction' => 'outbound',
            'disposition' => null, 'outcome' => null, 'note' => null]], $byCustomer[13]);
        self::assertSame([], (new CustomerCardQuery($this->resource))->lastCalls([]));
    }
}
