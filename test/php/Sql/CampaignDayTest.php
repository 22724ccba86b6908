<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Controller\Adminhtml\Campaign\Skip;
use Bandeau\Cti\Controller\Adminhtml\Campaign\Snooze;
use Bandeau\Cti\Controller\Adminhtml\Campaign\Today;
use Bandeau\Cti\Model\Campaign\AgentDay;
use Bandeau\Cti\Model\Campaign\ContactClaimer;
use Bandeau\Cti\Model\Campaign\ContactDeferral;
use Bandeau\Cti\Model\Campaign\ContactEvents;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Campaign\OptOut;
use Bandeau\Cti\Model\Campaign\OutcomeRecorder;
use Bandeau\Cti\Model\Campaign\UtcTime;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\CampaignFixtures;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;
use PHPUnit\Framework\Attributes\DataProvider;

/**
 * A working day on a campaign (issue 13, point 12), real SQL: a callback or a snoozed contact is
 * never handed out before its time (with either claim strategy), a skipped one goes to the back of
 * the queue, both need a reason and the claim, and the agent's day counters count what they did.
 */
class CampaignDayTest extends SqlTestCase
{
    private const NOW = CampaignFixtures::NOW;
    /** The agent's midnight in Paris, as the panel sends it (2023-11-13T23:00:00Z). */
    private const DAY_START = '2023-11-14T00:00:00+01:00';

    private CampaignFixtures $fx;
    private UtcTime $utc;
    private int $agentA;
    private int $agentB;
    private int $campaignId;
    private int $now = self::NOW;

    protected function setUp(): void
    {
        parent::setUp();
        $this->fx = new CampaignFixtures($this->db);
        $this->fx->basics();
        $this->utc = new UtcTime();
        $this->agentA = $this->fx->agent('1001', 'Ann');
        $this->agentB = $this->fx->agent('1002', 'Bob');
        $this->campaignId = $this->fx->campaign([$this->agentA, $this->agentB], ['retryDelayMinutes' => 30]);
    }

    public static function strategies(): array
    {
        return [ContactClaimer::SKIP_LOCKED => [ContactClaimer::SKIP_LOCKED], ContactClaimer::UPDATE_LIMIT => [ContactClaimer::UPDATE_LIMIT]];
    }

    private function claimer(string $strategy = ContactClaimer::SKIP_LOCKED): ContactClaimer
    {
        return new ContactClaimer($this->fx->tables(), $this->utc, 900, $strategy);
    }

    private function claim(int $agent, string $strategy = ContactClaimer::SKIP_LOCKED): ?int
    {
        return $this->claimer($strategy)->claim($agent, [$this->campaignId], $this->now);
    }

    private function events(): ContactEvents
    {
        return new ContactEvents($this->fx->tables(), $this->utc);
    }

    private function recorder(): OutcomeRecorder
    {
        $tables = $this->fx->tables();
        return new OutcomeRecorder($tables, $this->fx->repository(), new OptOut($tables), $this->utc, $this->events());
    }

    private function deferral(): ContactDeferral
    {
        return new ContactDeferral($this->fx->tables(), $this->events(), $this->utc);
    }

    private function day(): AgentDay
    {
        return new AgentDay($this->fx->tables(), $this->fx->repository(), $this->utc);
    }

    /**
     * @return int[]
     */
    private function contacts(int $n, array $data = []): array
    {
        $ids = [];
        for ($i = 0; $i < $n; $i++) {
            $ids[] = $this->fx->contact($this->campaignId, $this->fx->customer(null), $data);
        }
        return $ids;
    }

    /**
     * @return array{0: int, 1: array}
     */
    private function post(string $action, array $post, ?int $agent = null): array
    {
        $session = new Session();
        $session->setUser(Builders::user(['user_id' => (string)($agent ?? $this->agentA)]));
        $context = new Context(new Request([], 'POST', $post + ['form_key' => 'k']), Builders::authorization(['phone_bar']));
        $clock = new FixedClock($this->now);
        $controller = $action === 'today'
            ? new Today($context, new JsonFactory(), $session, $this->day(), $clock, new JsonReply())
            : new ($action === 'skip' ? Skip::class : Snooze::class)(
                $context,
                new JsonFactory(),
                $session,
                $this->deferral(),
                $this->day(),
                $clock,
                new JsonReply()
            );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), json_decode($response->getBody(), true)];
    }

    private function contact(int $id): array
    {
        return $this->db->fetchRow('SELECT * FROM bandeau_campaign_contact WHERE contact_id = ?', [$id]);
    }

    #[DataProvider('strategies')]
    public function testCallBackLaterComesBackAtTheAgreedTimeAndNotBefore(string $strategy): void
    {
        [$contact] = $this->contacts(1);
        self::assertSame($contact, $this->claim($this->agentA, $strategy));
        $callbackAt = $this->now + 2 * 3600;
        $this->recorder()->record(
            $this->agentA,
            $contact,
            'callback',
            'After her meeting',
            gmdate('Y-m-d\TH:i:sP', $callbackAt),
            null,
            $this->now
        );
        // Not at once, not to the agent who set it, not to a colleague, not a second early.
        foreach ([0, 60, 3600, 2 * 3600 - 1] as $later) {
            $this->now = self::NOW + $later;
            self::assertNull($this->claim($this->agentA, $strategy), "$later s after");
            self::assertNull($this->claim($this->agentB, $strategy), "$later s after");
        }
        $this->now = $callbackAt;
        self::assertSame($contact, $this->claim($this->agentB, $strategy), 'due: whoever asks first gets it');
        self::assertSame('callback', $this->contact($contact)['status']);
    }

    #[DataProvider('strategies')]
    public function testASnoozedContactStaysAwayUntilThenWithItsReasonAndNoAttempt(string $strategy): void
    {
        [$contact, $other] = $this->contacts(2);
        self::assertSame($contact, $this->claim($this->agentA, $strategy));
        [$status, $body] = $this->post('snooze', [
            'contactId' => $contact, 'reason' => "  In a meeting\nuntil 3 pm ", 'until' => '2023-11-15T15:00:00+01:00',
            'dayStart' => self::DAY_START,
        ]);
        self::assertSame(200, $status, json_encode($body));
        self::assertSame(['retry', '2023-11-15T14:00:00Z'], [$body['status'], $body['nextAttemptAt']]);
        self::assertSame([1, 0], [$body['today']['snoozed'], $body['today']['calls']]);
        $row = $this->contact($contact);
        self::assertSame(['0', null, 'retry'], [(string)$row['attempts'], $row['claimed_by'], $row['status']]);
        $event = $this->db->fetchRow('SELECT * FROM bandeau_campaign_event');
        self::assertSame(['snooze', 'In a meeting until 3 pm', '2023-11-15 14:00:00', (string)$this->agentA], [
            $event['type'], $event['reason'], $event['until_at'], (string)$event['agent_id'],
        ]);
        self::assertSame($other, $this->claim($this->agentA, $strategy));
        self::assertNull($this->claim($this->agentB, $strategy), 'the snoozed contact is not due');
        $this->recorder()->record($this->agentA, $other, 'wrong_number', '', null, null, $this->now);
        $this->now = $this->utc->timestamp('2023-11-15 13:59:59');
        self::assertNull($this->claim($this->agentB, $strategy), 'a second early');
        $this->now = $this->utc->timestamp('2023-11-15 14:00:00');
        self::assertSame($contact, $this->claim($this->agentB, $strategy));
    }

    public function testASnoozedCallbackStaysACallback(): void
    {
        [$contact] = $this->contacts(1, ['status' => 'callback', 'next_attempt_at' => $this->utc->db(self::NOW - 60)]);
        self::assertSame($contact, $this->claim($this->agentA));
        $this->deferral()->snooze($this->agentA, $contact, 'Asked for tomorrow', '2023-11-15T09:00:00Z', $this->now);
        self::assertSame(['callback', '2023-11-15 09:00:00'], [
            $this->contact($contact)['status'], $this->contact($contact)['next_attempt_at'],
        ]);
    }

    #[DataProvider('strategies')]
    public function testASkippedContactGoesToTheBackOfTheQueue(string $strategy): void
    {
        [$first, $second, $third] = $this->contacts(3);
        [$oldRetry] = $this->contacts(1, ['status' => 'retry', 'attempts' => 1, 'next_attempt_at' => $this->utc->db(self::NOW - 600)]);
        self::assertSame($first, $this->claim($this->agentA, $strategy));
        [$status, $body] = $this->post('skip', ['contactId' => $first, 'reason' => 'Customer is a colleague\'s friend']);
        self::assertSame(200, $status, json_encode($body));
        self::assertSame(['retry', $this->utc->iso($this->utc->db($this->now))], [$body['status'], $body['nextAttemptAt']]);
        self::assertSame('0', (string)$this->contact($first)['attempts'], 'a skip is not an attempt');
        $order = [];
        foreach ([$this->agentA, $this->agentB, $this->fx->agent('1003'), $this->fx->agent('1004'), $this->fx->agent('1005')] as $agent) {
            $this->fx->repository()->assignAgents($this->campaignId, [$this->agentA, $this->agentB, $agent]);
            $order[] = $this->claim($agent, $strategy);
        }
        self::assertSame([$second, $third, $oldRetry, $first, null], $order, 'fresh ones, the retry due earlier, then the skipped one');
    }

    public function testSkipAndSnoozeNeedAReasonATimeAndTheClaim(): void
    {
        [$contact] = $this->contacts(1);
        self::assertSame($contact, $this->claim($this->agentA));
        $cases = [
            ['skip', ['contactId' => $contact, 'reason' => " \n "], 400, 'Say why you skip this contact.'],
            ['skip', ['contactId' => $contact, 'reason' => str_repeat('x', 256)], 400, 'The reason is too long (at most 255 characters).'],
            ['skip', ['reason' => 'x'], 400, 'A contact is required.'],
            ['snooze', ['contactId' => $contact, 'reason' => '', 'until' => '2023-11-15T09:00:00Z'], 400, 'Say why you snooze this contact.'],
            ['snooze', ['contactId' => $contact, 'reason' => 'x'], 400, 'Choose until when to snooze this contact.'],
            ['snooze', ['contactId' => $contact, 'reason' => 'x', 'until' => 'tomorrow'], 400, 'Choose until when to snooze this contact.'],
            ['snooze', ['contactId' => $contact, 'reason' => 'x', 'until' => '2023-11-14T09:00:00Z'], 400, 'A contact can be snoozed for up to 90 days.'],
            ['snooze', ['contactId' => $contact, 'reason' => 'x', 'until' => '2024-06-01T09:00:00Z'], 400, 'A contact can be snoozed for up to 90 days.'],
        ];
        foreach ($cases as [$action, $post, $code, $message]) {
            [$status, $body] = $this->post($action, $post);
            self::assertSame([$code, $message], [$status, $body['error']['message'] ?? null], json_encode($post));
        }
        [$status, $body] = $this->post('skip', ['contactId' => $contact, 'reason' => 'not mine'], $this->agentB);
        self::assertSame([409, 'not_claimed'], [$status, $body['error']['code']]);
        self::assertSame((string)$this->agentA, (string)$this->contact($contact)['claimed_by'], 'nothing moved');
        self::assertSame(0, (int)$this->db->fetchOne('SELECT COUNT(*) FROM bandeau_campaign_event'));
    }

    public function testSnoozeReplaysTheContract(): void
    {
        $request = json_decode((string)file_get_contents(__DIR__ . '/../../contract/campaign.snooze.request.json'), true);
        $expected = json_decode((string)file_get_contents(__DIR__ . '/../../contract/campaign.snooze.response.json'), true);
        [$contact] = $this->contacts(1);
        self::assertSame($contact, $this->claim($this->agentA));
        [$status, $body] = $this->post('snooze', ['contactId' => $contact] + $request);
        self::assertSame(200, $status);
        self::assertSame(['contactId' => $contact] + $expected, $body);
    }

    public function testTheDayCountsTheAgentsOwnCallsResultsSkipsAndSnoozesSinceTheirMidnight(): void
    {
        $contacts = $this->contacts(6);
        $this->contacts(1, ['status' => 'done']);
        $this->contacts(1, ['status' => 'retry', 'attempts' => 1, 'next_attempt_at' => $this->utc->db(self::NOW + 3600)]);
        $events = $this->events();
        // Yesterday evening (before the agent's midnight): not today.
        $events->add($this->campaignId, $contacts[0], $this->agentA, ContactEvents::TYPE_OUTCOME, $this->utc->timestamp('2023-11-13 22:00:00'), 'will_order');
        $events->add($this->campaignId, $contacts[0], $this->agentA, ContactEvents::TYPE_OUTCOME, $this->now - 60, 'no_answer');
        $events->add($this->campaignId, $contacts[1], $this->agentA, ContactEvents::TYPE_OUTCOME, $this->now - 50, 'reached_ordered');
        $events->add($this->campaignId, $contacts[2], $this->agentA, ContactEvents::TYPE_OUTCOME, $this->now - 40, 'no_answer');
        $events->add($this->campaignId, $contacts[3], $this->agentA, ContactEvents::TYPE_SKIP, $this->now - 30, null, 'why');
        $events->add($this->campaignId, $contacts[4], $this->agentB, ContactEvents::TYPE_OUTCOME, $this->now - 20, 'not_interested');
        self::assertNotNull($this->claim($this->agentB), 'one held by Bob: left, not due for Ann');
        [$status, $body] = $this->post('today', ['dayStart' => self::DAY_START]);
        self::assertSame(200, $status);
        self::assertSame([
            'contactsLeft' => 7,
            'dueNow' => 5,
            'calls' => 3,
            'results' => [['outcome' => 'reached_ordered', 'count' => 1], ['outcome' => 'no_answer', 'count' => 2]],
            'skipped' => 1,
            'snoozed' => 0,
            'since' => '2023-11-13T23:00:00Z',
        ], $body['today']);
        self::assertSame(['contactsLeft' => 0, 'dueNow' => 0, 'calls' => 0, 'results' => [], 'skipped' => 0, 'snoozed' => 0], array_slice(
            $this->post('today', [], $this->fx->agent('1009'))[1]['today'],
            0,
            6
        ), 'an agent without campaign');
    }

    public function testTheDayStartsAtTheBrowsersMidnightWithinThirtySixHoursElseADayAgo(): void
    {
        $day = $this->day();
        self::assertSame($this->utc->timestamp('2023-11-13 23:00:00'), $day->since(self::DAY_START, self::NOW));
        foreach ([null, '', 'today', '2023-11-16T00:00:00Z', '2023-11-10T00:00:00Z', '2023-02-30T00:00:00Z'] as $bad) {
            self::assertSame(self::NOW - 86400, $day->since($bad, self::NOW), (string)$bad);
        }
    }

    public function testOutcomesAreCountedForTheDayAsTheyAreRecorded(): void
    {
        [$contact] = $this->contacts(1);
        self::assertSame($contact, $this->claim($this->agentA));
        $this->recorder()->record($this->agentA, $contact, 'no_answer', '', null, 'call-1', $this->now);
        $event = $this->db->fetchRow('SELECT type, outcome, call_id, agent_id FROM bandeau_campaign_event');
        self::assertSame(['outcome', 'no_answer', 'call-1', (string)$this->agentA], array_map('strval', array_values($event)));
        $today = $this->day()->summary($this->agentA, $this->now, $this->now - 3600);
        self::assertSame([1, 1, 0], [$today['calls'], $today['contactsLeft'], $today['dueNow']]);
    }
}
