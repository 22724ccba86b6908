<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Config;

use Bandeau\Cti\Model\Config\Backend\RoutingRules;
use Bandeau\Cti\Test\Support\TranslatableStrings;
use PHPUnit\Framework\TestCase;

/**
 * The call routing defaults of etc/config.xml: the rules table's default decodes (as Magento's
 * form decodes a config.xml default, through the backend model's _afterLoad) into the routing
 * contract's four shipped rules, and saving it back unchanged stores the same rows.
 */
class RoutingDefaultsTest extends TestCase
{
    /** The contract's conditions of a stored row (the keys a rule set reader writes). */
    private static function conditions(array $row): array
    {
        $ids = static fn (string $v): ?array => $v === '' ? null : array_map('intval', explode(',', $v));
        $flag = static fn (string $v): ?bool => $v === '' ? null : $v === '1';
        return array_filter([
            'customer_group_ids' => $ids($row['customer_groups']),
            'vip' => $flag($row['vip']),
            'min_lifetime_sales' => $row['min_lifetime_sales'] === '' ? null : (float)$row['min_lifetime_sales'],
            'order' => $row['order'] === '' ? null : $row['order'],
            'order_statuses' => $row['order_statuses'] === '' ? null : explode(',', $row['order_statuses']),
            'shipped_within_days' => $row['shipped_within_days'] === '' ? null : (int)$row['shipped_within_days'],
            'open_cart' => $flag($row['open_cart']),
            'store_ids' => $ids($row['store_ids']),
            'unknown_number' => $flag($row['unknown_number']),
        ], static fn ($v): bool => $v !== null);
    }

    private static function defaults(): \DOMXPath
    {
        $doc = new \DOMDocument();
        self::assertTrue($doc->load(TranslatableStrings::MODULE_DIR . '/etc/config.xml'));
        return new \DOMXPath($doc);
    }

    public function testTheDefaultRulesAreTheContractsFourRules(): void
    {
        $text = self::defaults()->query('/config/default/bandeau_routing/rules/list')->item(0)->textContent;
        $model = new RoutingRules();
        $model->setPath('bandeau_routing/rules/list')->setValue($text);
        $model->afterLoad();
        $rows = $model->getValue();
        self::assertIsArray($rows, 'the default is JSON the backend model decodes');
        $rules = [];
        foreach ($rows as $row) {
            self::assertSame(RoutingRules::COLUMNS, array_keys($row), 'every column, in order');
            $rules[] = [
                'code' => $row['code'], 'label' => $row['label'], 'active' => $row['active'] === '1',
                'conditions' => self::conditions($row), 'route' => $row['route'], 'priority' => (int)$row['priority'],
                'message' => $row['message'],
            ];
        }
        // /tmp/routing-contract.md, GET /V1/bandeau/routing/rules: the shipped defaults.
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
        ], $rules);

        // Saved back from the form unchanged, the rows are stored as they were shipped.
        $model->setValue($rows + ['__empty' => '']);
        $model->beforeSave();
        self::assertSame(json_decode($text, true), json_decode((string)$model->getValue(), true));
    }

    public function testNoGroupIsVipByDefault(): void
    {
        $node = self::defaults()->query('/config/default/bandeau_routing/general/vip_groups')->item(0);
        self::assertNotNull($node);
        self::assertSame('', $node->textContent);
    }

    public function testTheSectionFieldsAndTheirModels(): void
    {
        $doc = new \DOMDocument();
        self::assertTrue($doc->load(TranslatableStrings::MODULE_DIR . '/etc/adminhtml/system.xml'));
        $xpath = new \DOMXPath($doc);
        $section = '//section[@id="bandeau_routing"]';
        self::assertSame('Bandeau_Cti::routing', trim($xpath->query($section . '/resource')->item(0)->textContent));
        $field = static fn (string $path, string $child): string
            => trim((string)$xpath->query($section . '/' . $path . '/' . $child)->item(0)?->textContent);
        self::assertSame('Magento\Customer\Model\Config\Source\Group\Multiselect', $field('group[@id="general"]/field[@id="vip_groups"]', 'source_model'));
        self::assertSame('multiselect', $xpath->query($section . '/group[@id="general"]/field[@id="vip_groups"]')->item(0)->getAttribute('type'));
        self::assertSame(RoutingRules::class, $field('group[@id="rules"]/field[@id="list"]', 'backend_model'));
        self::assertSame(\Bandeau\Cti\Block\Adminhtml\Routing\Rules::class, $field('group[@id="rules"]/field[@id="list"]', 'frontend_model'));
        self::assertSame(\Bandeau\Cti\Block\Adminhtml\Routing\TestBox::class, $field('group[@id="test"]/field[@id="box"]', 'frontend_model'));
        self::assertStringContainsString('first match wins', $field('group[@id="rules"]/field[@id="list"]', 'comment'));

        $acl = new \DOMDocument();
        self::assertTrue($acl->load(TranslatableStrings::MODULE_DIR . '/etc/acl.xml'));
        self::assertSame(
            1,
            (new \DOMXPath($acl))->query('//resource[@id="Bandeau_Cti::cti"]/resource[@id="Bandeau_Cti::routing"]')->length
        );
    }
}
