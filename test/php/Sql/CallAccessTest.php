<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Controller\Adminhtml\Call\Note;
use Bandeau\Cti\Controller\Adminhtml\Customer\Calls;
use Bandeau\Cti\Controller\Adminhtml\Customer\Export;
use Bandeau\Cti\Model\Export\CallCsv;
use Magento\Framework\Controller\Result\RawFactory;
use Bandeau\Cti\Model\Access\CallParticipation;
use Bandeau\Cti\Model\Access\CallVisibility;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Model\CallManagement;
use Bandeau\Cti\Model\CallRepository;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Model\WrapUp\CallWrapUp;
use Bandeau\Cti\Model\WrapUp\WrapUpOptions;
use Bandeau\Cti\Model\WrapUp\WrapUpReader;
use Bandeau\Cti\Model\WrapUp\WrapUpValidator;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Bandeau\Cti\ViewModel\CallHistory;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Escaper;
use Magento\Framework\View\Element\Template;

/**
 * Issue 14, findings 3 (who reads a customer's call history) and 7 (note squatting), played as the
 * attacks were: requests to the module's controllers by a phone-bar agent who is not on the calls.
 */
class CallAccessTest extends SqlTestCase
{
    private const TEMPLATES = __DIR__ . '/../../../app/code/Bandeau/Cti/view/adminhtml/templates/';
    private const NOW = 1763460000; // 2025-11-18T10:00:00Z
    private const AGENT = ['Bandeau_Cti::phone_bar'];
    private const SUPERVISOR = ['Bandeau_Cti::phone_bar', 'Magento_Customer::manage', 'Bandeau_Cti::all_calls'];

    private CallRepository $repository;
    private CallManagement $management;

    protected function setUp(): void
    {
        parent::setUp();
        $this->insert('admin_user', ['user_id' => 7, 'username' => 'ann', 'firstname' => 'Ann', 'bandeau_extension' => '1001']);
        $this->insert('admin_user', ['user_id' => 8, 'username' => 'bob', 'firstname' => 'Bob', 'bandeau_extension' => '1002']);
        $this->insert('customer_entity', ['entity_id' => 12, 'email' => 'm@example.com']);
        $this->insert('sales_order', ['entity_id' => 42, 'increment_id' => '000000042', 'customer_id' => 12]);
        $this->repository = Builders::callRepository($this->resource);
        $this->management = Builders::callManagement($this->resource, $this->repository, self::NOW);
    }

    private function session(int $userId): Session
    {
        $extension = [7 => '1001', 8 => '1002', 9 => null][$userId];
        return (new Session())->setUser(Builders::user([
            'user_id' => (string)$userId, AgentProfile::FIELD_EXTENSION => $extension,
        ]));
    }

    private function visibility(int $userId, array $resources): CallVisibility
    {
        return new CallVisibility(new StaticAuthorization($resources), $this->session($userId), new AgentProfile());
    }

    private function record(string $callId, array $fields): void
    {
        $this->management->upsert(new Call($fields + [
            'call_id' => $callId, 'direction' => 'inbound', 'started_at' => '2025-11-18T09:00:00Z',
            'from' => '+33612345678', 'to' => '1001', 'ended_at' => '2025-11-18T09:05:00Z',
        ]));
    }

    /**
     * @return string[] the call ids listed in the HTML
     */
    private function listed(string $html): array
    {
        preg_match_all('/data-bandeau-call-id="([^"]*)"/', $html, $m);
        sort($m[1]);
        return array_values(array_unique($m[1]));
    }

    private function calls(string $field, int $id, int $userId, array $resources): array
    {
        $history = new CallHistory(
            $this->repository,
            new Request($field === 'order_id' ? ['order_id' => (string)$id] : [], 'POST', $field === 'order_id' ? [] : ['customer_id' => (string)$id]),
            new FakeBackendUrl(),
            $this->visibility($userId, $resources),
            new WrapUpReader($this->resource)
        );
        $calls = $field === 'order_id' ? $history->getOrderCalls() : $history->getCustomerCalls();
        $ids = array_map(static fn ($c) => (string)$c->getCallId(), $calls);
        sort($ids);
        $html = (static function (string $file, Template $block, Escaper $escaper): string {
            ob_start();
            include $file;
            return (string)ob_get_clean();
        })(self::TEMPLATES . 'call-table.phtml', new Template(['view_model' => $history, 'calls' => $calls]), new Escaper());
        self::assertSame($ids, $this->listed($html), 'the table shows exactly the calls the view model lets through');
        return $ids;
    }

    public function testAnAgentReadsOnlyItsOwnCallsOfACustomerOrAnOrder(): void
    {
        $this->record('ann-by-ext', ['customer_id' => 12, 'agent_extension' => '1001', 'note' => 'Ann\'s note']);
        $this->record('ann-by-id', ['customer_id' => 12, 'order_id' => 42, 'agent_user_id' => 7]);
        $this->record('bobs', ['customer_id' => 12, 'order_id' => 42, 'agent_user_id' => 8, 'agent_extension' => '1002',
            'note' => 'Private to Bob']);
        $this->record('queue', ['customer_id' => 12]);
        // Bob's user id wins over an extension equal to Ann's (a desk phone shared over time).
        $this->record('bob-on-1001', ['customer_id' => 12, 'agent_user_id' => 8, 'agent_extension' => '1001']);

        self::assertSame(['Bandeau_Cti::phone_bar', 'bandeau_call'], [Calls::ADMIN_RESOURCE, CallMapper::TABLE]);
        // The attack: Ann, a phone-bar agent, asks the Calls tab for customer 12 (GET id, POST customer_id).
        self::assertSame(['ann-by-ext', 'ann-by-id'], $this->calls('customer_id', 12, 7, self::AGENT));
        self::assertSame(['ann-by-id'], $this->calls('order_id', 42, 7, self::AGENT));
        // "See all calls" alone is not enough, nor "manage customers" alone.
        self::assertSame(['ann-by-ext', 'ann-by-id'], $this->calls('customer_id', 12, 7, ['Bandeau_Cti::all_calls']));
        self::assertSame(['ann-by-ext', 'ann-by-id'], $this->calls('customer_id', 12, 7, ['Magento_Customer::manage']));
        // An admin user with no extension and no calls sees none.
        self::assertSame([], $this->calls('customer_id', 12, 9, self::AGENT));
        // Both rights: every call, and the export link.
        self::assertSame(
            ['ann-by-ext', 'ann-by-id', 'bob-on-1001', 'bobs', 'queue'],
            $this->calls('customer_id', 12, 7, self::SUPERVISOR)
        );
        self::assertSame(['ann-by-id', 'bobs'], $this->calls('order_id', 42, 8, self::SUPERVISOR));
        self::assertTrue($this->visibility(7, self::SUPERVISOR)->seesAllCalls());
        self::assertFalse($this->visibility(7, ['Bandeau_Cti::all_calls'])->seesAllCalls());
        // The customer CSV export (bandeau/customer/export) needs both rights as well.
        foreach ([[self::SUPERVISOR, true], [['Bandeau_Cti::all_calls'], false], [self::AGENT, false]] as [$resources, $ok]) {
            $export = new Export(
                new Context(new Request(['customer_id' => '12']), new StaticAuthorization($resources)),
                new RawFactory(),
                Builders::dataSubjectCalls($this->resource),
                new CallCsv()
            );
            self::assertSame($ok, (new \ReflectionMethod($export, '_isAllowed'))->invoke($export));
        }
        // Nothing lost: Bob still reads his calls.
        self::assertSame(['bob-on-1001', 'bobs'], $this->calls('customer_id', 12, 8, self::AGENT));
        self::assertSame(5, (int)$this->db->fetchOne('SELECT COUNT(*) FROM bandeau_call'));
    }

    private function service(): CallWrapUp
    {
        return new CallWrapUp(
            new WrapUpValidator(new WrapUpOptions(new ArrayScopeConfig())),
            $this->repository,
            $this->management,
            $this->resource,
            new FixedClock(self::NOW),
            new WrapUpReader($this->resource),
            new CallParticipation($this->resource, new AgentProfile())
        );
    }

    /**
     * POST bandeau/call/note as that admin user.
     *
     * @return array{0: int, 1: array}
     */
    private function post(int $userId, array $post, array $resources = self::AGENT): array
    {
        $controller = new Note(
            new Context(new Request([], 'POST', $post + ['form_key' => 'k']), new StaticAuthorization($resources)),
            new JsonFactory(),
            $this->session($userId),
            $this->service()
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), json_decode($response->getBody(), true)];
    }

    private function callRow(string $callId): array
    {
        return $this->db->fetchRow('SELECT * FROM bandeau_call WHERE call_id = ?', [$callId]);
    }

    public function testANoteOnAGuessedCallIdNeverTakesTheCallFromItsAgent(): void
    {
        // The attack: Bob writes on the next predictable Asterisk id before the call even ends.
        [$status] = $this->post(8, ['call_id' => '1763459999.42', 'note' => 'mine now', 'customer_id' => '12']);
        self::assertSame(200, $status, 'kept as a pending wrap-up: Bob might have been on the call');
        // Meanwhile Ann, who took the call, wraps it up: told to retry, nothing stored in Bob's name.
        [$status, $body] = $this->post(7, ['call_id' => '1763459999.42', 'note' => 'Refund agreed']);
        self::assertSame([403, 'forbidden', 'This call has not reached Magento yet. Save the wrap-up again in a moment.'], [
            $status, $body['error']['code'], $body['error']['message'],
        ]);
        // The bridge's record names Ann (by extension only here): Bob's note and link go, Ann owns it.
        $this->record('1763459999.42', ['agent_extension' => '1001']);
        $row = $this->callRow('1763459999.42');
        self::assertSame([null, null, null, null, '1001'], [
            $row['note'], $row['wrapped_up_at'], $row['customer_id'], $row['agent_user_id'], $row['agent_extension'],
        ]);
        [$status, $body] = $this->post(7, ['call_id' => '1763459999.42', 'note' => 'Refund agreed']);
        self::assertSame(200, $status, json_encode($body));
        self::assertSame('Refund agreed', $this->callRow('1763459999.42')['note']);
        // Once the record is in, Bob is refused outright and changes nothing.
        [$status, $body] = $this->post(8, ['call_id' => '1763459999.42', 'note' => 'mine now']);
        self::assertSame([403, 'Only an agent who took part in this call can wrap it up.'], [$status, $body['error']['message']]);
        $row = $this->callRow('1763459999.42');
        self::assertSame(['Refund agreed', null, '1001'], [$row['note'], $row['agent_user_id'], $row['agent_extension']]);
        // The same through the older note API (CallManagement::saveNote).
        try {
            $this->management->saveNote('1763459999.42', 'mine now', 8);
            self::fail('Bob wrote on Ann\'s call');
        } catch (\Magento\Framework\Exception\AuthorizationException $e) {
            self::assertSame('Refund agreed', $this->callRow('1763459999.42')['note']);
        }
    }

    public function testTheAgentsOwnEarlyWrapUpSurvivesItsRecordAndSquatsOnRecordedCallsAreRefused(): void
    {
        // Legitimate: Ann's wrap-up comes before the record; the record names her (user id or extension).
        foreach (['early-id' => ['agent_user_id' => 7], 'early-ext' => ['agent_extension' => '1001']] as $id => $agent) {
            [$status, $body] = $this->post(7, ['call_id' => $id, 'note' => 'Call back Friday', 'outcome' => 'Complaint',
                'customer_id' => '12']);
            self::assertSame(200, $status, json_encode($body));
            $this->record($id, $agent);
            $this->record($id, $agent); // delivered at least once
            $row = $this->callRow($id);
            self::assertSame(['Call back Friday', 'Complaint', '12'], [$row['note'], $row['outcome'], (string)$row['customer_id']]);
        }
        // A recorded call naming Ann by extension only: Bob may not write, and does not become its agent.
        $this->record('anns', ['agent_extension' => '1001']);
        [$status] = $this->post(8, ['call_id' => 'anns', 'note' => 'squat']);
        self::assertSame(403, $status);
        $row = $this->callRow('anns');
        self::assertSame([null, null, null], [$row['note'], $row['agent_user_id'], $row['wrapped_up_at']]);
        self::assertSame(200, $this->post(7, ['call_id' => 'anns', 'note' => 'Mine'])[0]);
        self::assertNull($this->callRow('anns')['agent_user_id'], 'a note never sets the call\'s agent');
        // A call no agent took (abandoned in the queue): no agent's to wrap up; a supervisor may.
        $this->record('abandoned', ['disposition' => 'abandoned']);
        self::assertSame(403, $this->post(7, ['call_id' => 'abandoned', 'note' => 'x'])[0]);
        self::assertSame(200, $this->post(8, ['call_id' => 'abandoned', 'note' => 'Called back'],
            ['Bandeau_Cti::phone_bar', 'Bandeau_Cti::all_calls'])[0]);
        $row = $this->callRow('abandoned');
        self::assertSame(['Called back', null], [$row['note'], $row['agent_user_id']]);
    }
}
