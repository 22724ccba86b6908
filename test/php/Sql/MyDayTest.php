<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Controller\Adminhtml\Analytics\MyDay;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Analytics\AgentDaySummary;
use Bandeau\Cti\Model\Analytics\ReportingZone;
use Bandeau\Cti\Model\Campaign\CampaignResults;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Campaign\UtcTime;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\CampaignFixtures;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;

/**
 * The phone bar's "My day" (issue 16, point 3), real SQL: today is the store time zone's day (a call
 * at 00:30 in Paris is today there and yesterday in UTC), another agent's calls never appear, a missed
 * call later called back is not listed, a party missed twice is listed once, a missed call that rang
 * another agent's extension is theirs, and the agent's campaign results count their own outcomes.
 */
class MyDayTest extends SqlTestCase
{
    /** 2023-11-14 22:13:20 UTC = 23:13:20 in Paris: the Paris day began at 2023-11-13 23:00 UTC. */
    private const NOW = CampaignFixtures::NOW;
    private const PARIS = 'Europe/Paris';

    private CampaignFixtures $fx;
    private int $ann;
    private int $bob;
    private int $seq = 0;

    protected function setUp(): void
    {
        parent::setUp();
        $this->fx = new CampaignFixtures($this->db);
        $this->fx->basics();
        $this->ann = $this->fx->agent('1001', 'Ann');
        $this->bob = $this->fx->agent('1002', 'Bob');
    }

    private function summary(string $zone = self::PARIS): AgentDaySummary
    {
        $tables = $this->fx->tables();
        return new AgentDaySummary(
            $tables,
            new ReportingZone(new ArrayScopeConfig([ReportingZone::XML_PATH_TIMEZONE => $zone])),
            $this->fx->repository(),
            new CampaignResults($tables),
            new UtcTime()
        );
    }

    /** A call started at $utc ('Y-m-d H:i:s'), the party's number also as its party key. */
    private function call(string $utc, array $data = []): string
    {
        $id = 'call-' . (++$this->seq);
        $direction = $data['direction'] ?? 'inbound';
        $party = $direction === 'outbound' ? ($data['to_number'] ?? null) : ($data['from_number'] ?? null);
        $this->fx->insert('bandeau_call', array_merge([
            'call_id' => $id,
            'direction' => $direction,
            'started_at' => $utc,
            'disposition' => 'answered',
            'party_key' => $party,
        ], $data));
        return $id;
    }

    private function answeredBy(int $agent, string $ext, string $utc, int $talk, array $data = []): string
    {
        return $this->call($utc, array_merge([
            'agent_user_id' => $agent, 'agent_extension' => $ext, 'answered_at' => $utc, 'talk_s' => $talk,
            'from_number' => '+33100000' . (++$this->seq), 'to_number' => '+33199999999',
        ], $data));
    }

    private function missed(string $from, string $utc, array $data = []): string
    {
        return $this->call($utc, array_merge(['from_number' => $from, 'to_number' => '+33199999999', 'disposition' => 'missed'], $data));
    }

    /** The figures of a day with calls of both agents, transfers, call-backs and the day's edges. */
    private function busyDay(): array
    {
        $ids = [];
        // Ann's own calls: one at 00:30 in Paris (23:30 UTC the day before), one in the morning.
        $ids['annEarly'] = $this->answeredBy($this->ann, '1001', '2023-11-13 23:30:00', 60, ['direction' => 'outbound', 'to_number' => '+33700000001', 'from_number' => '1001']);
        // At 04:00 in Paris: today there and in UTC, yesterday in New York (22:00 on the 13th).
        $ids['annNight'] = $this->answeredBy($this->ann, '1001', '2023-11-14 03:00:00', 10);
        $ids['annMorning'] = $this->answeredBy($this->ann, '1001', '2023-11-14 08:00:00', 120);
        // Yesterday in Paris (23:59:59 there): not today.
        $this->answeredBy($this->ann, '1001', '2023-11-13 22:59:59', 500);
        // Recorded on Ann's extension only (no user id on the record).
        $ids['annByExtension'] = $this->answeredBy($this->ann, '1001', '2023-11-14 09:00:00', 30, ['agent_user_id' => null]);
        // Bob's: never Ann's, except the one he transferred to her (counted, its talk time his).
        $this->answeredBy($this->bob, '1002', '2023-11-14 10:00:00', 400);
        $ids['transferred'] = $this->answeredBy($this->bob, '1002', '2023-11-14 11:00:00', 200, ['transferred_to' => '1001']);
        $this->missed('+33611000009', '2023-11-14 12:00:00', ['agent_user_id' => $this->bob, 'agent_extension' => '1002']);
        // Missed calls nobody took.
        $ids['notCalledBack'] = $this->missed('+33611000001', '2023-11-14 09:00:00');
        $ids['calledBack'] = $this->missed('+33611000002', '2023-11-14 10:00:00', ['disposition' => 'abandoned']);
        $this->answeredBy($this->bob, '1002', '2023-11-14 10:30:00', 45, ['direction' => 'outbound', 'to_number' => '+33611000002', 'from_number' => '1002']);
        $this->missed('+33611000003', '2023-11-14 11:00:00');
        $ids['twice'] = $this->missed('+33611000003', '2023-11-14 13:00:00', ['disposition' => 'abandoned']);
        // It rang Bob's own extension: his to call back.
        $ids['bobsMissed'] = $this->missed('+33611000004', '2023-11-14 14:00:00', ['to_number' => '1002']);
        // Missed yesterday (Paris), never called back: not today's.
        $this->missed('+33611000005', '2023-11-13 22:00:00');
        // No number to call back (anonymous caller): counted, not listed.
        $this->call('2023-11-14 15:00:00', ['disposition' => 'missed', 'from_number' => null]);
        return $ids;
    }

    public function testTodaysCallsCountOnlyTheAgentsOwnAndTheMissedCallsNobodyTook(): void
    {
        $this->busyDay();
        $day = $this->summary()->summary($this->ann, '1001', self::NOW);
        self::assertSame(['date' => '2023-11-14', 'timeZone' => 'Europe/Paris', 'from' => '2023-11-13T23:00:00Z', 'to' => '2023-11-14T23:00:00Z'], $day['day']);
        // Own: early, night, morning, by extension, transferred (5); missed nobody took: 4 (+33611000001,
        // 000002, 000003 twice) + the anonymous one = 5. Bob's own missed and the one on his extension: not Ann's.
        self::assertSame(['total' => 10, 'answered' => 5, 'missed' => 5, 'talkS' => 60 + 10 + 120 + 30], $day['calls']);
    }

    public function testAnotherAgentsCallsNeverAppear(): void
    {
        $ids = $this->busyDay();
        $ann = $this->summary()->summary($this->ann, '1001', self::NOW);
        $bob = $this->summary()->summary($this->bob, '1002', self::NOW);
        $annIds = array_column($ann['callBack'], 'callId');
        self::assertNotContains($ids['bobsMissed'], $annIds);
        self::assertContains($ids['bobsMissed'], array_column($bob['callBack'], 'callId'));
        // Bob's own missed call (his user id on it) is his only.
        self::assertNotContains('+33611000009', array_column($ann['callBack'], 'number'));
        self::assertContains('+33611000009', array_column($bob['callBack'], 'number'));
        // Bob: his two answered calls, the outbound call-back, the transferred one, his own missed,
        // the one on his extension, and the missed calls nobody took.
        self::assertSame(['total' => 10, 'answered' => 3, 'missed' => 7, 'talkS' => 400 + 200 + 45], $bob['calls']);
        // An agent with no extension gets only what carries their user id, and the unassigned missed calls.
        $carol = $this->fx->agent('', 'Carol');
        $this->db->query('UPDATE admin_user SET bandeau_extension = NULL WHERE user_id = ?', [$carol]);
        self::assertSame(['total' => 5, 'answered' => 0, 'missed' => 5, 'talkS' => 0], $this->summary()->summary($carol, null, self::NOW)['calls']);
    }

    public function testAMissedCallLaterCalledBackIsNotListedAndAPartyMissedTwiceIsListedOnce(): void
    {
        $ids = $this->busyDay();
        $list = $this->summary()->summary($this->ann, '1001', self::NOW)['callBack'];
        self::assertSame([$ids['twice'], $ids['notCalledBack']], array_column($list, 'callId'));
        self::assertSame([
            'callId' => $ids['twice'],
            'number' => '+33611000003',
            'name' => null,
            'customerId' => null,
            'at' => '2023-11-14T13:00:00Z',
            'disposition' => 'abandoned',
            'times' => 2,
        ], $list[0]);
        self::assertSame(1, $list[1]['times']);
        // Ann calls +33611000001 back (an attempt is enough): it leaves her list, and Bob's.
        $this->answeredBy($this->ann, '1001', '2023-11-14 16:00:00', 0, ['direction' => 'outbound', 'to_number' => '+33611000001', 'from_number' => '1001', 'disposition' => 'busy']);
        self::assertSame([$ids['twice']], array_column($this->summary()->summary($this->ann, '1001', self::NOW)['callBack'], 'callId'));
        self::assertNotContains($ids['notCalledBack'], array_column($this->summary()->summary($this->bob, '1002', self::NOW)['callBack'], 'callId'));
        // They call again and nobody answers: back on the list, counted with the earlier miss.
        $again = $this->missed('+33611000001', '2023-11-14 17:00:00');
        $list = $this->summary()->summary($this->ann, '1001', self::NOW)['callBack'];
        self::assertSame([$again, $ids['twice']], array_column($list, 'callId'));
        self::assertSame(2, $list[0]['times']);
    }

    public function testTheCallerIsNamedWhenACustomerIsLinked(): void
    {
        $customer = $this->fx->customer('+33611000007', ['firstname' => 'Veronica', 'lastname' => 'Costello']);
        $id = $this->missed('+33611000007', '2023-11-14 09:30:00', ['customer_id' => $customer]);
        $list = $this->summary()->summary($this->ann, '1001', self::NOW)['callBack'];
        self::assertSame([$id], array_column($list, 'callId'));
        self::assertSame(['Veronica Costello', $customer], [$list[0]['name'], $list[0]['customerId']]);
    }

    public function testTheDayBoundaryIsTheStoreTimeZones(): void
    {
        $this->busyDay();
        // In UTC, the day is 2023-11-14 00:00 to 24:00 UTC: the 23:30 UTC call of the 13th is yesterday's.
        $utc = $this->summary('UTC')->summary($this->ann, '1001', self::NOW);
        self::assertSame(['date' => '2023-11-14', 'timeZone' => 'UTC', 'from' => '2023-11-14T00:00:00Z', 'to' => '2023-11-15T00:00:00Z'], $utc['day']);
        self::assertSame(['total' => 9, 'answered' => 4, 'missed' => 5, 'talkS' => 10 + 120 + 30], $utc['calls']);
        // In New York (UTC-5) it is still the 14th until 05:00 UTC on the 15th: the day began at 05:00 UTC.
        $ny = $this->summary('America/New_York')->summary($this->ann, '1001', self::NOW);
        self::assertSame(['date' => '2023-11-14', 'timeZone' => 'America/New_York', 'from' => '2023-11-14T05:00:00Z', 'to' => '2023-11-15T05:00:00Z'], $ny['day']);
        self::assertSame(['total' => 8, 'answered' => 3, 'missed' => 5, 'talkS' => 120 + 30], $ny['calls']);
        // An empty or unknown zone reads as UTC.
        self::assertSame('UTC', $this->summary('')->summary($this->ann, '1001', self::NOW)['day']['timeZone']);
        self::assertSame('UTC', $this->summary('Mars/Olympus')->summary($this->ann, '1001', self::NOW)['day']['timeZone']);
    }

    public function testADaylightSavingChangeDayIsTwentyThreeHoursLong(): void
    {
        // 2024-03-31 in Paris: 00:00 +01:00 (23:00 UTC the day before) to 00:00 +02:00 (22:00 UTC).
        $now = (new \DateTimeImmutable('2024-03-31 12:00:00 UTC'))->getTimestamp();
        $day = $this->summary()->summary($this->ann, '1001', $now)['day'];
        self::assertSame(['2024-03-30T23:00:00Z', '2024-03-31T22:00:00Z'], [$day['from'], $day['to']]);
    }

    public function testCampaignResultsAreTheAgentsOwnPerCampaignTodayAndOverall(): void
    {
        $carts = $this->fx->campaign([$this->ann, $this->bob], ['name' => 'Carts', 'conversionDays' => 7]);
        $vip = $this->fx->campaign([$this->ann], ['name' => 'VIP']);
        $this->fx->campaign([$this->bob], ['name' => 'Bob only']);
        $utc = new UtcTime();
        $today = $utc->db(self::NOW - 3600);
        $yesterday = $utc->db(self::NOW - 30 * 3600);
        $event = function (int $campaign, int $contact, int $agent, string $outcome, string $at): void {
            $this->fx->insert('bandeau_campaign_event', [
                'campaign_id' => $campaign, 'contact_id' => $contact, 'agent_id' => $agent, 'type' => 'outcome',
                'outcome' => $outcome, 'created_at' => $at,
            ]);
        };
        $c1 = $this->fx->customer(null);
        $c2 = $this->fx->customer(null);
        $c3 = $this->fx->customer(null);
        $k1 = $this->fx->contact($carts, $c1, ['first_contacted_at' => $yesterday]);
        $k2 = $this->fx->contact($carts, $c2, ['first_contacted_at' => $today]);
        $k3 = $this->fx->contact($carts, $c3, ['first_contacted_at' => $today]);
        // Ann: c1 no answer yesterday then reached today (will order); c2 reached today.
        $event($carts, $k1, $this->ann, 'no_answer', $yesterday);
        $event($carts, $k1, $this->ann, 'will_order', $today);
        $event($carts, $k2, $this->ann, 'not_interested', $today);
        // Bob reached c3: not Ann's.
        $event($carts, $k3, $this->bob, 'reached_ordered', $today);
        $this->fx->insert('bandeau_campaign_event', ['campaign_id' => $carts, 'contact_id' => $k2, 'agent_id' => $this->ann, 'type' => 'skip', 'reason' => 'x', 'created_at' => $today]);
        // c1 ordered after the call (Ann's conversion); c3 ordered (Bob's); c2's order was canceled.
        $this->fx->order($c1, 0.5);
        $this->fx->order($c3, 0.5);
        $this->fx->order($c2, 0.5, 50.0, 'canceled');

        $campaigns = $this->summary()->summary($this->ann, '1001', self::NOW)['campaigns'];
        self::assertSame([
            [
                'id' => $carts, 'name' => 'Carts', 'calledToday' => 2, 'called' => 2, 'reachedToday' => 2, 'reached' => 2,
                'outcomesToday' => [['outcome' => 'will_order', 'count' => 1], ['outcome' => 'not_interested', 'count' => 1]],
                'outcomes' => [
                    ['outcome' => 'will_order', 'count' => 1], ['outcome' => 'not_interested', 'count' => 1],
                    ['outcome' => 'no_answer', 'count' => 1],
                ],
                'conversions' => 1,
            ],
            [
                'id' => $vip, 'name' => 'VIP', 'calledToday' => 0, 'called' => 0, 'reachedToday' => 0, 'reached' => 0,
                'outcomesToday' => [], 'outcomes' => [], 'conversions' => 0,
            ],
        ], $campaigns);
        // The campaign's own figures (all agents) are unchanged by the split: both conversions count there.
        self::assertSame(2, (new CampaignResults($this->fx->tables()))->summary($this->fx->repository()->get($carts))['conversions']);
    }

    public function testTheControllerAnswersForTheLoggedInUserOnly(): void
    {
        $ids = $this->busyDay();
        $customer = $this->fx->customer('+33611000008', ['firstname' => 'Camille', 'lastname' => 'Durand']);
        $this->missed('+33611000008', '2023-11-14 16:00:00', ['customer_id' => $customer, 'to_number' => '1002']);
        $carts = $this->fx->campaign([$this->bob]);
        $this->fx->insert('bandeau_campaign_event', [
            'campaign_id' => $carts, 'contact_id' => $this->fx->contact($carts, $customer), 'agent_id' => $this->bob,
            'type' => 'outcome', 'outcome' => 'will_order', 'created_at' => '2023-11-14 16:10:00',
        ]);
        [$status, $body] = $this->post(['user_id' => (string)$this->bob, 'bandeau_extension' => '1002'], ['user' => (string)$this->ann]);
        self::assertSame(200, $status);
        // A parameter naming another user changes nothing: Bob's day.
        self::assertContains($ids['bobsMissed'], array_column($body['callBack'], 'callId'));
        self::assertSame(11, $body['calls']['total']);
        self::assertSame(['day', 'calls', 'callBack', 'campaigns'], array_keys($body));

        // The shape the bar checks (messages.ts MyDayResponse) is the contract's.
        $contract = json_decode((string)file_get_contents(__DIR__ . '/../../contract/analytics.myday.response.json'), true);
        self::assertSame(self::shape($contract), self::shape($body));

        [$status, $body] = $this->post(null, []);
        self::assertSame(403, $status);
        self::assertSame('not_logged_in', $body['error']['code']);
    }

    /** Keys and value types, lists read from their first item. */
    private static function shape(mixed $value): mixed
    {
        if (!is_array($value)) {
            return get_debug_type($value);
        }
        if (array_is_list($value)) {
            return $value === [] ? [] : [self::shape($value[0])];
        }
        return array_map([self::class, 'shape'], $value);
    }

    /** @return array{0: int, 1: array} */
    private function post(?array $user, array $post): array
    {
        $session = new Session();
        if ($user !== null) {
            $session->setUser(Builders::user($user));
        }
        $context = new Context(new Request([], 'POST', $post + ['form_key' => 'k']), Builders::authorization(['phone_bar']));
        $controller = new MyDay($context, new JsonFactory(), $session, new AgentProfile(), $this->summary(), new FixedClock(self::NOW), new JsonReply());
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), json_decode($response->getBody(), true)];
    }
}
