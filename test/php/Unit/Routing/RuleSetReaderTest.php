<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Routing;

use Bandeau\Cti\Model\Routing\RuleRowParser;
use Bandeau\Cti\Model\Routing\RuleSetReader;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Unit\Queue\MemoryLogger;
use PHPUnit\Framework\TestCase;

/**
 * The rules as the admin's dynamic rows store them (Magento's ArraySerialized backend: a JSON
 * object of rows keyed by row id, every cell a string) become the contract's rules body.
 */
class RuleSetReaderTest extends TestCase
{
    private MemoryLogger $logger;

    protected function setUp(): void
    {
        $this->logger = new MemoryLogger();
    }

    private function reader(mixed $rules, string $vipGroups = ''): RuleSetReader
    {
        $config = new ArrayScopeConfig([
            RuleSetReader::XML_PATH_RULES => is_array($rules) ? json_encode($rules) : $rules,
            RuleSetReader::XML_PATH_VIP_GROUPS => $vipGroups,
        ]);
        return new RuleSetReader($config, new RuleRowParser(), $this->logger);
    }

    private static function row(array $cells): array
    {
        return array_merge([
            'code' => 'r', 'label' => 'R', 'active' => '1', 'customer_groups' => '', 'vip' => '',
            'min_lifetime_sales' => '', 'order' => '', 'order_statuses' => '', 'shipped_within_days' => '',
            'open_cart' => '', 'store_ids' => '', 'unknown_number' => '', 'route' => 'sales',
            'priority' => '5', 'message' => '',
        ], $cells);
    }

    public function testTheShippedDefaultsOfConfigXmlAreTheContractsFourRules(): void
    {
        $xml = simplexml_load_file(dirname(__DIR__, 4) . '/app/code/Bandeau/Cti/etc/config.xml');
        $list = (string)$xml->default->bandeau_routing->rules->list;
        self::assertNotSame('', $list, 'etc/config.xml ships bandeau_routing/rules/list');
        $body = $this->reader($list, '4')->read()->toArray();
        self::assertSame([4], $body['vip_group_ids']);
        self::assertSame(['route' => 'default', 'priority' => 0, 'message' => ''], $body['fallback']);
        self::assertSame([
            ['code' => 'vip', 'label' => 'VIP customer', 'active' => true, 'conditions' => ['vip' => true],
                'route' => 'vip', 'priority' => 10, 'message' => 'bandeau/welcome-back'],
            ['code' => 'not_shipped', 'label' => 'Order not shipped', 'active' => true,
                'conditions' => ['order' => 'not_shipped'], 'route' => 'sales', 'priority' => 5,
                'message' => 'bandeau/order-being-prepared'],
            ['code' => 'payment_problem', 'label' => 'Payment problem', 'active' => true,
                'conditions' => ['order' => 'payment_problem'], 'route' => 'sales', 'priority' => 5,
                'message' => 'bandeau/payment-problem'],
            ['code' => 'delivered_recently', 'label' => 'Delivered within 14 days', 'active' => true,
                'conditions' => ['shipped_within_days' => 14], 'route' => 'support', 'priority' => 3,
                'message' => 'bandeau/order-on-its-way'],
        ], $body['rules']);
        self::assertSame([], $this->logger->records);
    }

    public function testEveryCellOfADynamicRowIsReadInRowOrder(): void
    {
        $rows = [
            '_1733011200000_0' => self::row([
                'code' => 'gold', 'label' => 'Gold', 'customer_groups' => '2, 3', 'vip' => '0',
                'min_lifetime_sales' => '1000.50', 'order' => 'any_open', 'order_statuses' => 'pending,fraud',
                'shipped_within_days' => '7', 'open_cart' => '1', 'store_ids' => '1,2', 'unknown_number' => '0',
                'route' => 'Gold-Queue', 'priority' => '100', 'message' => 'shop/fr/gold',
            ]),
            '_1733011200000_1' => self::row(['code' => 'off', 'active' => '0', 'vip' => '1', 'open_cart' => '0']),
            '_1733011200000_2' => self::row(['code' => 'all', 'label' => '', 'priority' => '']),
        ];
        $body = $this->reader($rows, '4,5')->read()->toArray();
        self::assertSame([4, 5], $body['vip_group_ids']);
        self::assertSame(['gold', 'off', 'all'], array_column($body['rules'], 'code'));
        self::assertSame([
            'customer_group_ids' => [2, 3],
            'vip' => false,
            'min_lifetime_sales' => 1000.5,
            'order' => 'any_open',
            'order_statuses' => ['pending', 'fraud'],
            'shipped_within_days' => 7,
            'open_cart' => true,
            'store_ids' => [1, 2],
            'unknown_number' => false,
        ], $body['rules'][0]['conditions']);
        self::assertSame(['Gold-Queue', 100, 'shop/fr/gold'], [
            $body['rules'][0]['route'], $body['rules'][0]['priority'], $body['rules'][0]['message'],
        ]);
        self::assertFalse($body['rules'][1]['active']);
        self::assertSame(['vip' => true, 'open_cart' => false], $body['rules'][1]['conditions']);
        // No condition: the key is left out (Magento's webapi would write [] for an empty object).
        self::assertArrayNotHasKey('conditions', $body['rules'][2]);
        self::assertSame('all', $body['rules'][2]['label'], 'an empty label shows the code');
        self::assertSame(0, $body['rules'][2]['priority']);
    }

    public function testInvalidRowsAreSkippedWithALogLineAndTheOthersStillApply(): void
    {
        $rows = [
            'a' => self::row(['code' => 'Bad Code']),
            'b' => self::row(['code' => 'route', 'route' => 'sales;Dial(x)']),
            'c' => self::row(['code' => 'msg', 'message' => '../../etc/passwd']),
            'd' => self::row(['code' => 'prio', 'priority' => '101']),
            'e' => self::row(['code' => 'ord', 'order' => 'shipped']),
            'f' => self::row(['code' => 'sales', 'min_lifetime_sales' => 'lots']),
            'g' => self::row(['code' => 'days', 'shipped_within_days' => '-1']),
            'h' => self::row(['code' => 'flag', 'vip' => 'yes']),
            'i' => self::row(['code' => 'grp', 'customer_groups' => '1,x']),
            'j' => self::row(['code' => 'st', 'order_statuses' => 'pending,"><script>']),
            'k' => self::row(['code' => 'good']),
            'l' => self::row(['code' => 'good', 'route' => 'other']),
            'm' => 'not a row',
        ];
        $body = $this->reader($rows)->read()->toArray();
        self::assertSame(['good'], array_column($body['rules'], 'code'));
        self::assertSame('sales', $body['rules'][0]['route'], 'the first row with a code wins');
        self::assertCount(11, $this->logger->records);
        foreach ($this->logger->records as [$level, $message]) {
            self::assertSame('warning', $level);
            self::assertStringStartsWith('Bandeau: call routing rule row ', $message);
            self::assertStringNotContainsString('<script>', $message);
        }
        self::assertStringContainsString('invalid route', $this->logger->records[1][1]);
        self::assertStringContainsString('already used', $this->logger->records[10][1]);
    }

    public function testUnreadableOrMissingRulesGiveNoRuleAndTheFallback(): void
    {
        $body = $this->reader('{not json')->read()->toArray();
        self::assertSame([], $body['rules']);
        self::assertSame('default', $body['fallback']['route']);
        self::assertCount(1, $this->logger->records);
        self::assertSame([], $this->reader(null)->read()->toArray()['rules']);
        self::assertSame([], $this->reader('')->read()->toArray()['rules']);
    }

    public function testTheVersionChangesWithTheRulesAndTheVipGroupsOnly(): void
    {
        $rows = ['a' => self::row(['code' => 'a'])];
        $v1 = $this->reader($rows, '4')->read()->getVersion();
        self::assertMatchesRegularExpression('/^[0-9a-f]{16}$/', $v1);
        self::assertSame($v1, $this->reader($rows, '4')->read()->getVersion());
        self::assertNotSame($v1, $this->reader($rows, '5')->read()->getVersion());
        self::assertNotSame($v1, $this->reader(['a' => self::row(['code' => 'a', 'priority' => '6'])], '4')
            ->read()->getVersion());
        self::assertSame($v1, $this->reader($rows, '4')->getRules()->getVersion(), 'the REST route reads the same');
    }
}
