<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Block;

use Bandeau\Cti\Block\Adminhtml\Routing\Rules;
use Bandeau\Cti\Model\Config\Backend\RoutingRules;
use Bandeau\Cti\Model\Config\Source\RoutingColumnOptions;
use Bandeau\Cti\Model\Config\Source\StoreViews;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\Test\Support\TranslatableStrings;
use Magento\Backend\Block\Template\Context;
use Magento\Customer\Model\Customer\Attribute\Source\GroupSourceLoggedInOnlyInterface;
use Magento\Framework\Data\Form\Element\AbstractElement;
use Magento\Framework\DataObject;
use Magento\Framework\View\LayoutInterface;
use Magento\Store\Model\StoreManagerInterface;
use PHPUnit\Framework\TestCase;

/**
 * The routing rules table (frontend model of bandeau_routing/rules/list): its columns are the
 * stored row's, in order; selects post the values the backend model accepts; the customer group
 * and store view multiselects post arrays and show stored "4,2" as selected ids.
 */
class RoutingRulesTableTest extends TestCase
{
    private const NAME = 'groups[rules][fields][list][value]';

    /** @return array{0: Rules, 1: string} the block and the HTML of its cell templates */
    private static function render(mixed $value): array
    {
        $groups = new class implements GroupSourceLoggedInOnlyInterface {
            public function toOptionArray()
            {
                return [['value' => '1', 'label' => 'General'], ['value' => '4', 'label' => 'VIP & "friends"']];
            }
        };
        $stores = new class implements StoreManagerInterface {
            public function getStores($withDefault = false, $codeKey = false)
            {
                return [];
            }
        };
        $block = new Rules(new Context(new FakeBackendUrl()), new RoutingColumnOptions(), $groups, new StoreViews($stores));
        $block->setLayout(new class implements LayoutInterface {
            public function createBlock($type, $name = '', array $arguments = [])
            {
                return new $type($arguments['data'] ?? []);
            }
        });
        $html = $block->render(new AbstractElement(['html_id' => 'bandeau_routing_rules_list', 'name' => self::NAME, 'value' => $value]));
        return [$block, $html];
    }

    public function testColumnsAreTheStoredRowsInOrder(): void
    {
        [$block] = self::render(false);
        self::assertSame(RoutingRules::COLUMNS, array_keys($block->getColumns()));
        self::assertFalse($block->isAddAfter());
        self::assertSame('Add Rule', (string)$block->getAddButtonLabel());
    }

    public function testSelectsPostWhatTheBackendModelAccepts(): void
    {
        [, $html] = self::render(false);
        $doc = new \DOMDocument();
        self::assertTrue(@$doc->loadHTML('<table><tr>' . $html . '</tr></table>'));
        $xpath = new \DOMXPath($doc);
        $options = static function (string $column) use ($xpath): array {
            $select = $xpath->query('//select[@id="<%- _id %>_' . $column . '"]')->item(0);
            self::assertNotNull($select, $column);
            $values = [];
            foreach ($xpath->query('option', $select) as $option) {
                $values[$option->getAttribute('value')] = $option->textContent;
            }
            return [$select->getAttribute('name'), $select->hasAttribute('multiple'), $values];
        };
        self::assertSame([self::NAME . '[<%- _id %>][active]', false, ['1' => 'Yes', '0' => 'No']], $options('active'));
        self::assertSame(['', '1', '0'], array_map('strval', array_keys($options('vip')[2])));
        self::assertSame(['', '1', '0'], array_map('strval', array_keys($options('open_cart')[2])));
        self::assertSame(['', '1', '0'], array_map('strval', array_keys($options('unknown_number')[2])));
        self::assertSame(
            array_merge([''], RoutingRules::ORDER_CONDITIONS),
            array_map('strval', array_keys($options('order')[2]))
        );
        self::assertSame(
            [self::NAME . '[<%- _id %>][customer_groups][]', true, ['1' => 'General', '4' => 'VIP & "friends"']],
            $options('customer_groups')
        );
        self::assertStringContainsString('VIP &amp; &quot;friends&quot;', $html, 'labels are escaped');
        self::assertTrue($options('store_ids')[1]);
        // Text cells take the row's value through the row template.
        $code = $xpath->query('//input[@id="<%- _id %>_code"]')->item(0);
        self::assertSame('<%- code %>', $code->getAttribute('value'));
        self::assertStringContainsString('required-entry', $code->getAttribute('class'));
        self::assertStringContainsString('digits-range-0-100', $xpath->query('//input[@id="<%- _id %>_priority"]')->item(0)->getAttribute('class'));
    }

    public function testRowsGiveEveryColumnAValueAndMultiselectsTheirIds(): void
    {
        $text = (new \DOMXPath(self::dom()))->query('/config/default/bandeau_routing/rules/list')->item(0)->textContent;
        $rows = json_decode($text, true);
        $rows['vip']['customer_groups'] = '4,2';
        unset($rows['not_shipped']['store_ids']); // a row stored before that column existed
        [$block] = self::render($rows);
        $arrayRows = $block->getArrayRows();
        self::assertSame(['vip', 'not_shipped', 'payment_problem', 'delivered_recently'], array_keys($arrayRows));
        /** @var DataObject $vip */
        $vip = $arrayRows['vip'];
        $values = $vip->getData('column_values');
        self::assertSame(['4', '2'], $values['vip_customer_groups']);
        self::assertSame([], $values['vip_store_ids']);
        self::assertSame('1', $values['vip_vip']);
        self::assertSame('vip', $values['vip_route']);
        $notShipped = $arrayRows['not_shipped'];
        self::assertSame('', $notShipped->getData('store_ids'), 'the row template reads every column');
        self::assertSame([], $notShipped->getData('column_values')['not_shipped_store_ids']);
    }

    private static function dom(): \DOMDocument
    {
        $doc = new \DOMDocument();
        self::assertTrue($doc->load(TranslatableStrings::MODULE_DIR . '/etc/config.xml'));
        return $doc;
    }
}
