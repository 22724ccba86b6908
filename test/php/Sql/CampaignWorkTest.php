<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Controller\Adminhtml\Campaign\Next;
use Bandeau\Cti\Controller\Adminhtml\Campaign\Outcome;
use Bandeau\Cti\Model\Campaign\AgentDay;
use Bandeau\Cti\Model\Campaign\AudienceFilter;
use Bandeau\Cti\Model\Campaign\CallingHours;
use Bandeau\Cti\Model\Campaign\CampaignResults;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Campaign\ContactClaimer;
use Bandeau\Cti\Model\Campaign\ContactEvents;
use Bandeau\Cti\Model\Campaign\NextContact;
use Bandeau\Cti\Model\Campaign\OptOut;
use Bandeau\Cti\Model\Campaign\OutcomeRecorder;
use Bandeau\Cti\Model\Campaign\UtcTime;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\CampaignFixtures;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;

/**
 * Working a campaign through the phone bar's endpoints (real controllers, real SQL): next call,
 * outcomes, calling hours, opt-out, results; answers checked against test/contract.
 */
class CampaignWorkTest extends SqlTestCase
{
    private const CONTRACT = __DIR__ . '/../../contract/';

    private CampaignFixtures $fx;
    private int $agent;
    private int $now = CampaignFixtures::NOW;

    protected function setUp(): void
    {
        parent::setUp();
        $this->fx = new CampaignFixtures($this->db);
        $this->fx->basics();
        $this->agent = $this->fx->agent('1001', 'Ann');
    }

    private function contract(string $name): array
    {
        return json_decode((string)file_get_contents(self::CONTRACT . $name), true, 512, JSON_THROW_ON_ERROR);
    }

    /**
     * The keys of a JSON document, recursively (lists: the shape of their first item).
     */
    private static function shape(mixed $value): mixed
    {
        if (!is_array($value)) {
            return gettype($value) === 'NULL' ? 'null' : 'value';
        }
        if (array_is_list($value)) {
            return $value === [] ? [] : [self::shape($value[0])];
        }
        $shape = [];
        foreach ($value as $key => $item) {
            $shape[$key] = self::shape($item);
        }
        ksort($shape);
        return $shape;
    }

    private function session(?int $userId): Session
    {
        $session = new Session();
        $session->setUser($userId === null ? null : Builders::user(['user_id' => (string)$userId]));
        return $session;
    }

    private function nextContact(): NextContact
    {
        $tables = $this->fx->tables();
        return new NextContact(
            $tables,
            $this->fx->repository(),
            new CallingHours(),
            new ContactClaimer($tables, new UtcTime()),
            new FixedClock($this->now),
            new UtcTime()
        );
    }

    private function recorder(): OutcomeRecorder
    {
        $tables = $this->fx->tables();
        return new OutcomeRecorder($tables, $this->fx->repository(), new OptOut($tables), new UtcTime(), new ContactEvents($tables, new UtcTime()));
    }

    /**
     * @return array{0: int, 1: array}
     */
    private function agentDay(): AgentDay
    {
        return new AgentDay($this->fx->tables(), $this->fx->repository(), new UtcTime());
    }

    private function next(?int $userId = null): array
    {
        $controller = new Next(
            new Context(
                new Request([], 'POST', ['form_key' => 'k', 'dayStart' => '2023-11-14T00:00:00+01:00']),
                Builders::authorization(['phone_bar'])
            ),
            new JsonFactory(),
            $this->session($userId ?? $this->agent),
            $this->nextContact(),
            new FakeBackendUrl(),
            new JsonReply(),
            $this->agentDay(),
            new FixedClock($this->now)
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), json_decode($response->getBody(), true)];
    }

    /**
     * @return array{0: int, 1: array}
     */
    private function outcome(array $post, ?int $userId = null): array
    {
        $controller = new Outcome(
            new Context(new Request([], 'POST', $post), Builders::authorization(['phone_bar'])),
            new JsonFactory(),
            $this->session($userId ?? $this->agent),
            $this->recorder(),
            new FixedClock($this->now),
            new JsonReply(),
            $this->agentDay()
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), json_decode($response->getBody(), true)];
    }

    /**
     * A built campaign with one eligible customer (Marie Dupont) assigned to the agent.
     *
     * @return array{0: int, 1: int} campaign id, customer id
     */
    private function campaignWithOneContact(array $options = []): array
    {
        $customer = $this->fx->customer('+33612345678', ['firstname' => 'Marie', 'lastname' => 'Dupont']);
        $this->fx->cart($customer, 5);
        $campaignId = $this->fx->campaign([$this->agent], $options + ['status' => 'building', 'powerDial' => true]);
        $this->fx->builder()->build($campaignId);
        return [$campaignId, $customer];
    }

    public function testNextAnswersTheContractShapeWithTheCart(): void
    {
        [$campaignId, $customer] = $this->campaignWithOneContact();
        [$status, $body] = $this->next();
        self::assertSame(200, $status);
        self::assertSame(self::shape($this->contract('campaign.next.response.json')), self::shape($body));
        self::assertSame(['id' => $campaignId, 'name' => 'Carts', 'powerDial' => true], $body['campaign']);
        $contact = $body['contact'];
        self::assertSame($customer, $contact['customerId']);
        self::assertSame('Marie Dupont', $contact['name']);
        self::assertSame('+33612345678', $contact['phone']);
        self::assertSame(
            [
                ['name' => 'Blue mug', 'sku' => 'MUG-1', 'qty' => 2, 'price' => 20, 'rowTotal' => 40],
                ['name' => 'Green tea', 'sku' => 'TEA-9', 'qty' => 1, 'price' => 80, 'rowTotal' => 80],
            ],
            json_decode(json_encode($contact['cart']['items']), true)
        );
        self::assertEquals(120, $contact['cart']['total']);
        self::assertSame('EUR', $contact['cart']['currency']);
        self::assertSame([0, 3, 'new'], [$contact['attempts'], $contact['maxAttempts'], $contact['status']]);
        self::assertSame((new UtcTime())->iso((new UtcTime())->db($this->now + 900)), $body['claimExpiresAt']);
        self::assertStringContainsString('customer/index/edit/id/' . $customer, $contact['customerUrl']);
        // A second agent finds nothing; the first gets the same contact back.
        $other = $this->fx->agent('1002');
        $this->fx->repository()->assignAgents($campaignId, [$this->agent, $other]);
        self::assertSame('empty', $this->next($other)[1]['reason']);
        self::assertSame($contact['contactId'], $this->next()[1]['contact']['contactId']);
    }

    public function testNextRefusesOutsideCallingHoursWithAClearMessage(): void
    {
        $this->campaignWithOneContact([
            'name' => 'Carts left this week',
            'timezone' => 'Europe/Paris',
            'hoursStart' => '09:00',
            'hoursEnd' => '18:00',
            'weekdays' => [1, 2, 3, 4, 5],
        ]);
        [$status, $body] = $this->next();
        self::assertSame(200, $status);
        self::assertSame($this->contract('campaign.next.none.response.json'), $body);
        self::assertSame(0, (int)$this->db->fetchOne('SELECT COUNT(*) FROM bandeau_campaign_contact WHERE claimed_by IS NOT NULL'));
        // Wednesday 09:00 in Paris is 08:00 UTC: open.
        $this->now = (new \DateTimeImmutable('2023-11-15T08:00:00Z'))->getTimestamp();
        self::assertNotNull($this->next()[1]['contact']);
    }

    public function testNextWithoutCampaignOrWhenPausedOrNotLoggedIn(): void
    {
        self::assertSame('no_campaign', $this->next()[1]['reason']);
        [$campaignId] = $this->campaignWithOneContact();
        $this->fx->repository()->setStatus($campaignId, 'paused');
        self::assertSame('no_campaign', $this->next()[1]['reason']);
        $controller = new Next(
            new Context(new Request([], 'POST', []), Builders::authorization(['phone_bar'])),
            new JsonFactory(),
            $this->session(null),
            $this->nextContact(),
            new FakeBackendUrl(),
            new JsonReply(),
            $this->agentDay(),
            new FixedClock($this->now)
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        self::assertSame(403, $response->getHttpResponseCode());
    }

    public function testCallbackOutcomeReplaysTheContractAndLinksTheCall(): void
    {
        [$campaignId, $customer] = $this->campaignWithOneContact();
        $contactId = $this->next()[1]['contact']['contactId'];
        $this->fx->insert('bandeau_call', [
            'call_id' => '1700000000.42',
            'direction' => 'outbound',
            'started_at' => (new UtcTime())->db($this->now - 120),
        ]);
        $request = ['contactId' => $contactId] + $this->contract('campaign.outcome.request.json');
        [$status, $body] = $this->outcome($request);
        self::assertSame(200, $status, json_encode($body));
        self::assertSame(['contactId' => $contactId] + $this->contract('campaign.outcome.response.json'), $body);
        $call = $this->row('SELECT campaign_id, customer_id FROM bandeau_call WHERE call_id = ?', ['1700000000.42']);
        self::assertSame([(string)$campaignId, (string)$customer], [$call['campaign_id'], $call['customer_id']]);
        // Not due yet; due at 09:30 UTC the next day (and open: the campaign calls around the clock).
        self::assertSame('empty', $this->next()[1]['reason']);
        $this->now = (new \DateTimeImmutable('2023-11-15T09:30:00Z'))->getTimestamp();
        [, $again] = $this->next();
        self::assertSame($contactId, $again['contact']['contactId']);
        self::assertSame('2023-11-15T09:30:00Z', $again['callbackAt']);
        self::assertSame('Wants to check sizes with her husband, call back tomorrow morning.', $again['contact']['lastNote']);
    }

    public function testNoAnswerRetriesAfterTheDelayUntilMaxAttempts(): void
    {
        $this->campaignWithOneContact(['maxAttempts' => 2, 'retryDelayMinutes' => 30]);
        $contactId = $this->next()[1]['contact']['contactId'];
        [, $first] = $this->outcome(['contactId' => $contactId, 'outcome' => 'no_answer']);
        self::assertSame(['retry', 1, (new UtcTime())->iso((new UtcTime())->db($this->now + 1800))], [
            $first['status'], $first['attempts'], $first['nextAttemptAt'],
        ]);
        self::assertSame('empty', $this->next()[1]['reason'], 'the retry delay has not passed');
        $this->now += 1800;
        self::assertSame($contactId, $this->next()[1]['contact']['contactId']);
        [, $second] = $this->outcome(['contactId' => $contactId, 'outcome' => 'no_answer']);
        self::assertSame(['done', 2, null], [$second['status'], $second['attempts'], $second['nextAttemptAt']]);
        $this->now += 7200;
        self::assertSame('empty', $this->next()[1]['reason']);
    }

    public function testOutcomeErrors(): void
    {
        $this->campaignWithOneContact();
        $contactId = $this->next()[1]['contact']['contactId'];
        self::assertSame(400, $this->outcome(['outcome' => 'no_answer'])[0]);
        self::assertSame(400, $this->outcome(['contactId' => $contactId, 'outcome' => 'maybe'])[0]);
        self::assertSame(400, $this->outcome(['contactId' => $contactId, 'outcome' => 'callback'])[0]);
        self::assertSame(400, $this->outcome([
            'contactId' => $contactId, 'outcome' => 'callback', 'callbackAt' => '2020-01-01T10:00:00Z',
        ])[0]);
        $other = $this->fx->agent('1002');
        [$status, $body] = $this->outcome(['contactId' => $contactId, 'outcome' => 'no_answer'], $other);
        self::assertSame(409, $status);
        self::assertSame($this->contract('campaign.error.response.json'), $body);
        self::assertSame(200, $this->outcome(['contactId' => $contactId, 'outcome' => 'wrong_number'])[0]);
        self::assertSame(409, $this->outcome(['contactId' => $contactId, 'outcome' => 'wrong_number'])[0], 'closed');
    }

    public function testOptOutClosesPendingContactsAndExcludesFromNewCampaigns(): void
    {
        [$campaignId, $customer] = $this->campaignWithOneContact();
        $contactId = $this->next()[1]['contact']['contactId'];
        [, $body] = $this->outcome(['contactId' => $contactId, 'outcome' => 'not_interested', 'optOut' => '1']);
        self::assertSame('done', $body['status']);
        $optOut = new OptOut($this->fx->tables());
        self::assertTrue($optOut->isOptedOut($customer));
        $second = $this->fx->campaign([$this->agent], ['status' => 'building', 'audience' => new AudienceFilter(1, 72, 0.0)]);
        $this->fx->builder()->build($second);
        self::assertSame([], $this->fx->contactCustomers($second));
        // Opting out closes contacts still pending in other campaigns.
        $optOut->optIn($customer);
        $third = $this->fx->campaign([$this->agent], ['status' => 'building', 'audience' => new AudienceFilter(1, 72, 0.0)]);
        $this->fx->builder()->build($third);
        self::assertSame([$customer], $this->fx->contactCustomers($third));
        $optOut->optOut($customer, $this->agent);
        $optOut->optOut($customer, $this->agent);
        self::assertSame(
            ['done', 'opted_out'],
            array_values($this->row('SELECT status, last_outcome FROM bandeau_campaign_contact WHERE campaign_id = ?', [$third]))
        );
        self::assertSame((string)$this->agent, $this->db->fetchOne('SELECT admin_user_id FROM bandeau_call_optout'));
        self::assertGreaterThan(0, $campaignId);
    }

    public function testResultsCountReachAndConversionsWithinTheWindow(): void
    {
        $fx = $this->fx;
        $campaignId = $fx->campaign([$this->agent], ['conversionDays' => 7]);
        $called = (new UtcTime())->db($this->now - 10 * 86400);
        $rows = [
            // reached and ordered 2 days after the first call: a conversion (99 + 51 revenue)
            ['status' => 'done', 'attempts' => 2, 'last_outcome' => 'reached_ordered', 'reached_at' => $called, 'order' => [8, [99, 51]]],
            // reached, ordered 9 days after: outside the 7-day window
            ['status' => 'done', 'attempts' => 1, 'last_outcome' => 'will_order', 'reached_at' => $called, 'order' => [1, [40]]],
            // never reached, canceled order: not counted
            ['status' => 'retry', 'attempts' => 1, 'last_outcome' => 'no_answer', 'reached_at' => null, 'order' => [9, [70]], 'canceled' => true],
            // not called yet, ordered: not a conversion (never contacted)
            ['status' => 'new', 'attempts' => 0, 'last_outcome' => null, 'reached_at' => null, 'order' => [9, [30]], 'uncalled' => true],
        ];
        foreach ($rows as $row) {
            $customer = $fx->customer(null);
            $fx->contact($campaignId, $customer, [
                'status' => $row['status'],
                'attempts' => $row['attempts'],
                'last_outcome' => $row['last_outcome'],
                'reached_at' => $row['reached_at'],
                'first_contacted_at' => empty($row['uncalled']) ? $called : null,
            ]);
            [$daysAgo, $totals] = $row['order'];
            foreach ($totals as $total) {
                $fx->order($customer, $daysAgo * 24, $total, empty($row['canceled']) ? 'processing' : 'canceled');
            }
        }
        $results = (new CampaignResults($fx->tables()))->summary($fx->repository()->get($campaignId));
        self::assertSame([
            'contacts' => 4,
            'pending' => 2,
            'attempts' => 4,
            'contacted' => 3,
            'reached' => 2,
            'reachRate' => 0.6667,
            'conversions' => 1,
            'conversionRate' => 0.3333,
            'revenue' => 150.0,
            'outcomes' => ['no_answer' => 1, 'reached_ordered' => 1, 'will_order' => 1],
        ], $results);
    }
}
