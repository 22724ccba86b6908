<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Api;

use Bandeau\Cti\Api\RoutingFactsInterface;
use Bandeau\Cti\Api\RoutingRulesInterface;
use Bandeau\Cti\Model\Routing\Data\RoutingCallerFacts;
use Bandeau\Cti\Model\Routing\Data\RoutingConditions;
use Bandeau\Cti\Model\Routing\Data\RoutingCustomer;
use Bandeau\Cti\Model\Routing\Data\RoutingFallback;
use Bandeau\Cti\Model\Routing\Data\RoutingOrder;
use Bandeau\Cti\Model\Routing\Data\RoutingRule;
use Bandeau\Cti\Model\Routing\Data\RoutingRuleSet;
use Bandeau\Cti\Model\Routing\Data\RoutingShipment;
use Bandeau\Cti\Model\Routing\RuleRowParser;
use Bandeau\Cti\Model\Routing\RuleSetReader;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\RestOutput;
use Bandeau\Cti\Test\Support\WebapiOutput;
use PHPUnit\Framework\TestCase;
use Psr\Log\NullLogger;

/**
 * The routing REST bodies as Magento's webapi writes them from the service contracts (declared
 * interface getters, docblock types and nullability) are exactly the files of test/contract that
 * the bridge's zod schemas (bridge/src/routing/facts.ts) read; and toArray() of the data classes,
 * which the "test a number" box feeds to the PHP evaluator, is that same shape.
 */
class RoutingContractTest extends TestCase
{
    private static function camilleFacts(): RoutingCallerFacts
    {
        return new RoutingCallerFacts(
            '+33612345678',
            true,
            new RoutingCustomer(2, 'Camille Durand', 2, 1, 'fr_FR', 3410.5, true),
            [new RoutingOrder('000000102', 'new', 'pending', '2026-11-19T15:47:00Z', false, 1)],
            new RoutingShipment('000000103', '2026-11-25T10:00:00Z')
        );
    }

    public function testFactsResponse(): void
    {
        $facts = self::camilleFacts();
        $written = WebapiOutput::process($facts, RoutingFactsInterface::class, 'getFacts');
        self::assertSame(RestOutput::contract('routing.facts.response.json'), $written);
        self::assertSame($written, $facts->toArray());
        self::assertStringContainsString(
            '"lifetime_sales":3410.5,"open_cart":true',
            WebapiOutput::json($facts, RoutingFactsInterface::class, 'getFacts')
        );
    }

    public function testFactsRequestBodyNamesTheServiceParameter(): void
    {
        // Magento's webapi maps the JSON body's keys to the service method's parameter names.
        $parameters = (new \ReflectionMethod(RoutingFactsInterface::class, 'getFacts'))->getParameters();
        self::assertSame(['phone'], array_map(static fn (\ReflectionParameter $p) => $p->getName(), $parameters));
        self::assertSame(['phone' => '+33612345678'], RestOutput::contract('routing.facts.request.json'));
    }

    public function testUnknownNumberWritesNullsNotAbsentKeys(): void
    {
        $facts = new RoutingCallerFacts('+33611111111', false, null, [], null);
        $written = WebapiOutput::process($facts, RoutingFactsInterface::class, 'getFacts');
        self::assertSame(RestOutput::contract('routing.facts.unknown.response.json'), $written);
        self::assertSame(
            '{"phone":"+33611111111","known":false,"customer":null,"orders":[],"last_shipment":null}',
            WebapiOutput::json($facts, RoutingFactsInterface::class, 'getFacts')
        );
        self::assertSame($written, $facts->toArray());
    }

    public function testRulesResponseIsTheShippedDefaults(): void
    {
        $xml = simplexml_load_file(dirname(__DIR__, 4) . '/app/code/Bandeau/Cti/etc/config.xml');
        $config = new ArrayScopeConfig([
            RuleSetReader::XML_PATH_RULES => (string)$xml->default->bandeau_routing->rules->list,
            RuleSetReader::XML_PATH_VIP_GROUPS => '4',
        ]);
        $set = (new RuleSetReader($config, new RuleRowParser(), new NullLogger()))->getRules();
        $written = WebapiOutput::process($set, RoutingRulesInterface::class, 'getRules');
        $expected = RestOutput::contract('routing.rules.response.json');
        self::assertMatchesRegularExpression('/^[0-9a-f]{16}$/', $written['version']);
        unset($written['version'], $expected['version']);
        self::assertSame($expected, $written);
    }

    public function testEveryConditionKeyAndAnEmptyRule(): void
    {
        $conditions = new RoutingConditions([1, 2], false, 100.0, 'holded', ['pending'], 7, true, [1], false);
        $set = new RoutingRuleSet('v', [], [
            new RoutingRule('all', 'All', true, $conditions, 'sales', 1, ''),
            new RoutingRule('any', 'Any', false, null, 'default', 0, ''),
        ], new RoutingFallback('default', 0, ''));
        $written = WebapiOutput::process($set, RoutingRulesInterface::class, 'getRules');
        self::assertSame([
            'customer_group_ids' => [1, 2], 'vip' => false, 'min_lifetime_sales' => 100.0, 'order' => 'holded',
            'order_statuses' => ['pending'], 'shipped_within_days' => 7, 'open_cart' => true, 'store_ids' => [1],
            'unknown_number' => false,
        ], $written['rules'][0]['conditions']);
        // A rule without conditions has no "conditions" key (an empty data object would be written
        // as [] by Magento's JSON renderer, which the bridge's object schema refuses).
        self::assertArrayNotHasKey('conditions', $written['rules'][1]);
        self::assertSame([], $written['vip_group_ids']);
        self::assertSame($written, $set->toArray());
    }

    public function testRoutesAreDeclaredWithTheApiResource(): void
    {
        $xml = simplexml_load_file(dirname(__DIR__, 4) . '/app/code/Bandeau/Cti/etc/webapi.xml');
        $routes = [];
        foreach ($xml->route as $route) {
            $routes[(string)$route['method'] . ' ' . (string)$route['url']] = [
                (string)$route->service['class'] . '::' . (string)$route->service['method'],
                (string)$route->resources->resource['ref'],
            ];
        }
        self::assertSame(
            ['Bandeau\Cti\Api\RoutingFactsInterface::getFacts', 'Bandeau_Cti::api'],
            $routes['POST /V1/bandeau/routing/facts']
        );
        self::assertSame(
            ['Bandeau\Cti\Api\RoutingRulesInterface::getRules', 'Bandeau_Cti::api'],
            $routes['GET /V1/bandeau/routing/rules']
        );
        $readme = (string)file_get_contents(dirname(__DIR__, 3) . '/contract/README.md');
        self::assertStringContainsString('`/V1/bandeau/routing/facts`', $readme);
        self::assertStringContainsString('`/V1/bandeau/routing/rules`', $readme);
    }
}
