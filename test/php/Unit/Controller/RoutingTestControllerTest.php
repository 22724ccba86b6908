<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Controller;

use Bandeau\Cti\Api\Data\RoutingExplanationInterface;
use Bandeau\Cti\Api\Data\RoutingRuleInterface;
use Bandeau\Cti\Api\Data\RoutingRuleSetInterface;
use Bandeau\Cti\Api\RoutingRulesInterface;
use Bandeau\Cti\Api\RoutingTesterInterface;
use Bandeau\Cti\Controller\Adminhtml\Routing\Test;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\Routing\Data\RoutingCallerFacts;
use Bandeau\Cti\Model\Routing\Data\RoutingCustomer;
use Bandeau\Cti\Model\Routing\Data\RoutingExplanation;
use Bandeau\Cti\Model\Routing\Data\RoutingOrder;
use Bandeau\Cti\Model\Routing\Data\RoutingRuleRef;
use Bandeau\Cti\Model\Routing\Data\RoutingShipment;
use Bandeau\Cti\Model\Routing\Data\RoutingWhy;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Exception\LocalizedException;
use PHPUnit\Framework\TestCase;
use Psr\Log\AbstractLogger;

/**
 * The "Test a number" endpoint (POST bandeau/routing/test): what it asks the tester and how it
 * answers the box.
 */
class RoutingTestControllerTest extends TestCase
{
    /** @var string[] */
    private array $tested = [];
    private ?RoutingExplanationInterface $explanation = null;
    private ?\Throwable $throw = null;
    /** @var bool[] active flags of the configured rules */
    private array $active = [true, true, false];
    /** @var string[] */
    public array $logged = [];
    /** @var array<string, string> */
    private array $countries = [Config::XML_PATH_DEFAULT_COUNTRY => 'FR'];

    private function dispatch(array $post, string $method = 'POST', array $query = []): array
    {
        $tester = new class ($this) implements RoutingTesterInterface {
            public function __construct(private RoutingTestControllerTest $test)
            {
            }

            public function test(string $phone): RoutingExplanationInterface
            {
                return $this->test->answer($phone);
            }
        };
        $ruleSet = $this->createConfiguredStub(RoutingRuleSetInterface::class, [
            'getRules' => array_map(
                fn (bool $active) => $this->createConfiguredStub(RoutingRuleInterface::class, ['isActive' => $active]),
                $this->active
            ),
        ]);
        $rules = $this->createConfiguredStub(RoutingRulesInterface::class, ['getRules' => $ruleSet]);
        $logger = new class ($this) extends AbstractLogger {
            public function __construct(private RoutingTestControllerTest $test)
            {
            }

            public function log($level, \Stringable|string $message, array $context = []): void
            {
                $this->test->logged[] = $level . ': ' . $message;
            }
        };
        $controller = new Test(
            new Context(new Request($query, $method, $post), new StaticAuthorization([Test::ADMIN_RESOURCE])),
            new JsonFactory(),
            $tester,
            $rules,
            new JsonReply(),
            $logger,
            Builders::config($this->countries),
            new PhoneNormaliser()
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), json_decode((string)$response->getBody(), true)];
    }

    public function answer(string $phone): RoutingExplanationInterface
    {
        $this->tested[] = $phone;
        if ($this->throw) {
            throw $this->throw;
        }
        return $this->explanation ?? self::notShipped();
    }

    private static function notShipped(): RoutingExplanation
    {
        return new RoutingExplanation(
            '+33612345678',
            'sales',
            'rule',
            new RoutingRuleRef('not_shipped', 'Order not shipped'),
            5,
            'bandeau/order-being-prepared',
            '000000102',
            false,
            'fr',
            2,
            'Camille Durand',
            [new RoutingWhy('order_not_shipped', '000000102', null, null, null, null, null)],
            new RoutingCallerFacts(
                '+33612345678',
                true,
                new RoutingCustomer(2, 'Camille Durand', 1, 1, 'fr_FR', 3410.5, true),
                [new RoutingOrder('000000102', 'new', 'pending', '2026-11-19T15:47:00Z', false, 1)],
                new RoutingShipment('000000101', '2026-11-25T10:00:00Z')
            )
        );
    }

    public function testIsAPostOnlyActionOfTheRoutingAclResource(): void
    {
        self::assertSame('Bandeau_Cti::routing', Test::ADMIN_RESOURCE);
        self::assertTrue(is_subclass_of(Test::class, HttpPostActionInterface::class));
        self::assertFalse(is_subclass_of(Test::class, HttpGetActionInterface::class));
        foreach ([[Test::ADMIN_RESOURCE], ['Bandeau_Cti::config']] as $allowed) {
            $controller = (new \ReflectionClass(Test::class))->newInstanceWithoutConstructor();
            $auth = new \ReflectionProperty($controller, '_authorization');
            $auth->setValue($controller, new StaticAuthorization($allowed));
            $isAllowed = new \ReflectionMethod($controller, '_isAllowed');
            self::assertSame($allowed === [Test::ADMIN_RESOURCE], $isAllowed->invoke($controller));
        }
    }

    public function testAnswersTheDecisionWhyAndTheFactsUsed(): void
    {
        [$status, $body] = $this->dispatch(['form_key' => 'k', 'phone' => ' 06 12 34 56 78 ']);
        self::assertSame(200, $status);
        self::assertSame(['06 12 34 56 78'], $this->tested);
        self::assertSame([
            'phone' => '+33612345678',
            'route' => 'sales',
            'reason' => 'rule',
            'rule' => ['code' => 'not_shipped', 'label' => 'Order not shipped'],
            'priority' => 5,
            'message' => 'bandeau/order-being-prepared',
            'order' => '000000102',
            'vip' => false,
            'lang' => 'fr',
            'customer' => ['id' => 2, 'name' => 'Camille Durand'],
            'why' => [['code' => 'order_not_shipped', 'order' => '000000102']],
            'facts' => [
                'known' => true,
                'customer' => [
                    'id' => 2, 'name' => 'Camille Durand', 'group_id' => 1, 'store_id' => 1, 'locale' => 'fr_FR',
                    'lifetime_sales' => 3410.5, 'open_cart' => true,
                ],
                'orders' => [[
                    'increment_id' => '000000102', 'state' => 'new', 'status' => 'pending',
                    'created_at' => '2026-11-19T15:47:00Z', 'shipped' => false, 'store_id' => 1,
                ]],
                'last_shipment' => ['order_increment_id' => '000000101', 'shipped_at' => '2026-11-25T10:00:00Z'],
            ],
            'read_with' => 'FR',
            'active_rules' => 2,
        ], $body);
    }

    public function testAnUnknownNumberGetsTheFallbackAndNoCustomer(): void
    {
        $this->active = [];
        $this->explanation = new RoutingExplanation(
            '+33700000000', 'default', 'unknown_number', null, 0, '', '', false, '', null, '', [],
            new RoutingCallerFacts('+33700000000', false, null, [], null)
        );
        [$status, $body] = $this->dispatch(['phone' => '+33700000000']);
        self::assertSame(200, $status);
        self::assertNull($body['rule']);
        self::assertNull($body['customer']);
        self::assertSame([], $body['why']);
        self::assertSame(['known' => false, 'customer' => null, 'orders' => [], 'last_shipment' => null], $body['facts']);
        self::assertSame(0, $body['active_rules'], 'the box warns that nothing is configured');
        self::assertNull($body['read_with'], 'a number with its country code is not read with a country');
    }

    public function testSaysWhichCountryANationalNumberWasReadWith(): void
    {
        // Bandeau's Default Country is US, the shop's own country FR (general/country/default).
        $this->countries = [Config::XML_PATH_DEFAULT_COUNTRY => 'US', Config::XML_PATH_SHOP_COUNTRY => 'FR'];
        $answer = fn (string $e164) => new RoutingExplanation(
            $e164, 'default', 'unknown_number', null, 0, '', '', false, '', null, '', [],
            new RoutingCallerFacts($e164, false, null, [], null)
        );
        $this->explanation = $answer('+33142685300'); // the tester found it with the shop's country
        self::assertSame('FR', $this->dispatch(['phone' => '01 42 68 53 00'])[1]['read_with']);
        $this->explanation = $answer('+12125550100');
        self::assertSame('US', $this->dispatch(['phone' => '(212) 555-0100'])[1]['read_with']);
        self::assertNull($this->dispatch(['phone' => '001 212 555 0100'])[1]['read_with']);
    }

    public function testRefusesWhatIsNotAPhoneNumber(): void
    {
        $invalid = ['error' => ['code' => 'invalid_number', 'message' => 'This is not a phone number that can be read.']];
        self::assertSame([400, ['error' => ['code' => 'empty', 'message' => 'Enter a phone number.']]], $this->dispatch(['phone' => '  ']));
        self::assertSame([400, ['error' => ['code' => 'empty', 'message' => 'Enter a phone number.']]], $this->dispatch([]));
        self::assertSame(400, $this->dispatch(['phone' => ['+33612345678']])[0], 'an array is not a number');
        self::assertSame([400, $invalid], $this->dispatch(['phone' => str_repeat('1', 41)]));
        self::assertSame([400, $invalid], $this->dispatch(['phone' => "0612\n345678"]));
        self::assertSame([], $this->tested, 'none of these reached the tester');

        // The tester could not read it (reason no_caller_id).
        $this->explanation = new RoutingExplanation(
            'hello', 'default', 'no_caller_id', null, 0, '', '', false, '', null, '', [], null
        );
        self::assertSame([400, $invalid], $this->dispatch(['phone' => 'hello']));
    }

    public function testAGetDoesNotReadTheNumberFromTheQuery(): void
    {
        [$status, $body] = $this->dispatch([], 'GET', ['phone' => '+33612345678']);
        self::assertSame(400, $status);
        self::assertSame('empty', $body['error']['code']);
        self::assertSame([], $this->tested);
    }

    public function testAFailureIsAJsonErrorAndIsLogged(): void
    {
        $this->throw = new \RuntimeException('SQLSTATE[HY000] connection refused');
        [$status, $body] = $this->dispatch(['phone' => '+33612345678']);
        self::assertSame(500, $status);
        self::assertSame(['error' => ['code' => 'failed', 'message' => 'The test failed. Please try again.']], $body);
        self::assertStringContainsString('connection refused', implode("\n", $this->logged), 'logged, not shown');

        $this->throw = new LocalizedException(__('The phone index is being rebuilt.'));
        self::assertSame(
            [500, ['error' => ['code' => 'failed', 'message' => 'The phone index is being rebuilt.']]],
            $this->dispatch(['phone' => '+33612345678'])
        );
    }
}
