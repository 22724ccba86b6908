<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Api\CallOutcomeInterface;
use Bandeau\Cti\Model\Access\CallParticipation;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\CallManagement;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Model\WrapUp\CallOutcome;
use Bandeau\Cti\Model\WrapUp\CallWrapUp;
use Bandeau\Cti\Model\WrapUp\WrapUp;
use Bandeau\Cti\Model\WrapUp\WrapUpOptions;
use Bandeau\Cti\Model\WrapUp\WrapUpReader;
use Bandeau\Cti\Model\WrapUp\WrapUpValidator;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\RestOutput;
use Bandeau\Cti\Test\Support\WebapiOutput;
use Magento\Framework\Exception\AuthorizationException;
use Magento\Framework\Exception\InputException;

/**
 * The bridge's quick outcome (issue 17, desk phones' "Outcome" soft key):
 * POST /V1/bandeau/calls/:callId/outcome and GET /V1/bandeau/wrapup/outcomes, on the real SQL.
 */
class CallOutcomeTest extends SqlTestCase
{
    /** Wednesday 2026-11-18 10:00 UTC. */
    private const NOW = 1794996000;

    private ArrayScopeConfig $scopeConfig;
    private CallManagement $management;
    private CallOutcome $service;

    protected function setUp(): void
    {
        parent::setUp();
        $this->insert('admin_user', ['user_id' => 7, 'username' => 'ann', 'firstname' => 'Ann', 'bandeau_extension' => '1001']);
        $this->insert('admin_user', ['user_id' => 8, 'username' => 'bob', 'firstname' => 'Bob', 'bandeau_extension' => '1002']);
        $this->insert('admin_user', ['user_id' => 9, 'username' => 'gone', 'firstname' => 'Gone', 'is_active' => 0]);
        $this->insert('customer_entity', ['entity_id' => 12, 'email' => 'roni_cost@example.com', 'firstname' => 'Veronica']);
        $this->scopeConfig = new ArrayScopeConfig();
        $options = new WrapUpOptions($this->scopeConfig);
        $clock = new FixedClock(self::NOW);
        $participation = new CallParticipation($this->resource, new AgentProfile());
        $repository = Builders::callRepository($this->resource);
        $this->management = Builders::callManagement($this->resource, $repository, self::NOW);
        $validator = new WrapUpValidator($options);
        $reader = new WrapUpReader($this->resource);
        $wrapUp = new CallWrapUp($validator, $repository, $this->management, $this->resource, $clock, $reader, $participation);
        $this->service = new CallOutcome($wrapUp, $reader, $options, $validator, $clock, $this->resource);
    }

    private function callRow(string $callId): array|false
    {
        return $this->db->fetchRow(
            'SELECT agent_user_id, agent_extension, note, outcome, tags, follow_up_at, customer_id FROM bandeau_call WHERE call_id = ?',
            [$callId]
        );
    }

    private function bridgeRecord(string $callId, int $agentUserId, string $extension): void
    {
        $this->management->upsert(new Call([
            'call_id' => $callId, 'direction' => 'inbound', 'started_at' => '2026-11-18T09:50:00Z',
            'ended_at' => '2026-11-18T09:55:00Z', 'from' => '+33612345678', 'to' => $extension,
            'agent_user_id' => $agentUserId, 'agent_extension' => $extension, 'disposition' => 'answered',
        ]));
    }

    public function testTheContractExampleOnACallNotDeliveredYetCreatesItsRowForTheAgent(): void
    {
        $request = RestOutput::contract('calls.outcome.request.json');
        $saved = $this->service->save('1763459400.42', $request['outcome'], $request['agentUserId']);
        self::assertSame(
            RestOutput::contract('calls.outcome.response.json'),
            WebapiOutput::process($saved, CallOutcomeInterface::class, 'save')
        );
        self::assertSame(
            ['agent_user_id' => '7', 'agent_extension' => '1001', 'note' => null, 'outcome' => 'Order placed',
                'tags' => null, 'follow_up_at' => null, 'customer_id' => null],
            $this->callRow('1763459400.42')
        );
    }

    public function testRequestBodyAndPathNameTheServiceParameters(): void
    {
        // Magento's webapi maps :callId from the URL and the JSON body's keys to the parameter names;
        // there is no parameter through which the bridge could ask for the "all calls" right.
        $parameters = (new \ReflectionMethod(CallOutcomeInterface::class, 'save'))->getParameters();
        self::assertSame(
            ['callId', 'outcome', 'agentUserId'],
            array_map(static fn (\ReflectionParameter $p) => $p->getName(), $parameters)
        );
        self::assertSame(['outcome', 'agentUserId'], array_keys(RestOutput::contract('calls.outcome.request.json')));
        $routes = simplexml_load_file(dirname(__DIR__, 3) . '/app/code/Bandeau/Cti/etc/webapi.xml');
        $found = [];
        foreach ($routes->route as $route) {
            $found[(string)$route['method'] . ' ' . (string)$route['url']] = [
                (string)$route->service['class'] . '::' . (string)$route->service['method'],
                (string)$route->resources->resource['ref'],
            ];
        }
        self::assertSame(
            [CallOutcomeInterface::class . '::save', 'Bandeau_Cti::api'],
            $found['POST /V1/bandeau/calls/:callId/outcome'] ?? null
        );
        self::assertSame(
            [CallOutcomeInterface::class . '::getOutcomes', 'Bandeau_Cti::api'],
            $found['GET /V1/bandeau/wrapup/outcomes'] ?? null
        );
    }

    public function testTheOutcomeReplacesTheOutcomeAndKeepsWhatTheBarSaved(): void
    {
        $this->bridgeRecord('c1', 7, '1001');
        $this->db->query(
            "UPDATE bandeau_call SET note = 'Wants a refund', outcome = 'Complaint', tags = 'Returns, Refund',"
            . " follow_up_at = '2026-11-20 00:00:00', customer_id = 12 WHERE call_id = 'c1'"
        );
        $saved = $this->service->save('c1', 'To call back', 7);
        self::assertSame(['Returns'], $saved->getTags(), '"Refund" is no longer a configured tag');
        self::assertSame(
            ['agent_user_id' => '7', 'agent_extension' => '1001', 'note' => 'Wants a refund', 'outcome' => 'To call back',
                'tags' => 'Returns', 'follow_up_at' => '2026-11-20 00:00:00', 'customer_id' => '12'],
            $this->callRow('c1')
        );

        // A follow-up date that has passed cannot be saved again: it goes, the outcome is still saved.
        $this->db->query("UPDATE bandeau_call SET follow_up_at = '2026-11-01 00:00:00' WHERE call_id = 'c1'");
        self::assertNull($this->service->save('c1', 'Order placed', 7)->getFollowUpAt());
        self::assertSame('Order placed', $this->callRow('c1')['outcome']);
    }

    public function testRefusalsChangeNothing(): void
    {
        $this->bridgeRecord('c2', 8, '1002');
        $this->db->query("UPDATE bandeau_call SET outcome = 'Complaint' WHERE call_id = 'c2'");
        $before = $this->callRow('c2');
        $refusals = [
            // [call, outcome, agent, exception (400: InputException, 403: AuthorizationException), message]
            ['c2', 'Sold', 8, InputException::class, '"Sold" is not one of the configured outcomes.'],
            ['c2', '  ', 8, InputException::class, 'Choose an outcome.'],
            ['c2', 'Order placed', 7, AuthorizationException::class, 'Only an agent who took part in this call can wrap it up.'],
            ['c2', 'Order placed', 9, InputException::class, 'No active admin user has the id 9.'],
            ['c2', 'Order placed', 404, InputException::class, 'No active admin user has the id 404.'],
            ['c3', 'Order placed', 0, InputException::class, 'No active admin user has the id 0.'],
            ["c\n3", 'Order placed', 7, InputException::class, 'A call is required.'],
        ];
        foreach ($refusals as [$callId, $outcome, $agent, $class, $message]) {
            try {
                $this->service->save($callId, $outcome, $agent);
                self::fail("$callId $outcome $agent was saved");
            } catch (InputException | AuthorizationException $e) {
                self::assertInstanceOf($class, $e, $message);
                self::assertSame($message, $e->getMessage());
            }
        }
        self::assertSame($before, $this->callRow('c2'));
        self::assertSame('1', $this->db->fetchOne('SELECT COUNT(*) FROM bandeau_call'), 'no row created');
    }

    public function testOutcomesAreTheConfiguredListInOrder(): void
    {
        self::assertSame(
            RestOutput::contract('wrapup.outcomes.response.json'),
            WebapiOutput::process($this->service->getOutcomes(), CallOutcomeInterface::class, 'getOutcomes')
        );
        self::assertSame(WrapUpOptions::DEFAULT_OUTCOMES, $this->service->getOutcomes());
        $this->scopeConfig->set(WrapUpOptions::XML_PATH_OUTCOMES, "Sold\n\nNot sold\nSold\n");
        self::assertSame(['Sold', 'Not sold'], $this->service->getOutcomes());
        self::assertSame('Sold', $this->service->save('c4', 'Sold', 7)->getOutcome());
        $this->expectExceptionMessage('"Order placed" is not one of the configured outcomes.');
        $this->service->save('c4', 'Order placed', 7);
    }
}
