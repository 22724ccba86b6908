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
use Magento\Store\Model\StoreManagerInterface;
use PHPUnit\Framework\TestCase;

/**
 * The routing rules editor (frontend model of bandeau_routing/rules/list, templates/routing/rules.phtml):
 * a row of its own across the config form, the rows in stored order with every column, the choices the
 * backend model accepts, and the input names Magento's dynamic rows used (the RequireJS module
 * routing-rules builds the cards; test/e2e/routingTestBox.e2e.ts drives it in Chromium).
 */
class RoutingRulesEditorTest extends TestCase
{
    public const NAME = 'groups[rules][fields][list][value]';

    public static function block(): Rules
    {
        $groups = new class implements GroupSourceLoggedInOnlyInterface {
            public function toOptionArray()
            {
                return [
                    ['value' => '1', 'label' => 'General'],
                    ['value' => '2', 'label' => 'Wholesale'],
                    ['value' => '4', 'label' => 'VIP & "friends" <b>'],
                ];
            }
        };
        $stores = new class implements StoreManagerInterface {
            public function getStores($withDefault = false, $codeKey = false)
            {
                $store = static fn (int $id, string $name) => new class (['id' => $id, 'name' => $name]) extends DataObject {
                    public function getId()
                    {
                        return $this->getData('id');
                    }

                    public function getName()
                    {
                        return $this->getData('name');
                    }
                };
                return [1 => $store(1, 'Default Store View'), 2 => $store(2, 'French')];
            }
        };
        return new Rules(new Context(new FakeBackendUrl()), new RoutingColumnOptions(), $groups, new StoreViews($stores));
    }

    /** The shipped default rows (etc/config.xml), as ArraySerialized hands them to the field. */
    public static function defaultRows(): array
    {
        $doc = new \DOMDocument();
        self::assertTrue($doc->load(TranslatableStrings::MODULE_DIR . '/etc/config.xml'));
        $text = (new \DOMXPath($doc))->query('/config/default/bandeau_routing/rules/list')->item(0)->textContent;
        return json_decode($text, true, 512, JSON_THROW_ON_ERROR);
    }

    /** @return array{0: Rules, 1: string} */
    public static function render(mixed $value): array
    {
        $block = self::block();
        $html = $block->render(new AbstractElement([
            'html_id' => 'bandeau_routing_rules_list', 'name' => self::NAME, 'value' => $value, 'scope' => 'default',
            'label' => 'Routing Rules', 'comment' => 'Rules are tried from top to bottom, and the first match wins.',
        ]));
        return [$block, $html];
    }

    /** @return array<string, mixed> */
    private static function config(string $html): array
    {
        self::assertSame(1, preg_match('#<script type="text/x-magento-init">(.*?)</script>#s', $html, $m));
        $init = json_decode($m[1], true, 512, JSON_THROW_ON_ERROR);
        self::assertSame(['#bandeau-routing-rules-bandeau_routing_rules_list'], array_keys($init));
        return $init['#bandeau-routing-rules-bandeau_routing_rules_list']['Bandeau_Cti/js/routing-rules'];
    }

    public function testTheEditorTakesTheWholeRowWithoutALabelColumnOrInlineScript(): void
    {
        [, $html] = self::render(self::defaultRows());
        $doc = new \DOMDocument();
        self::assertTrue(@$doc->loadHTML('<table>' . $html . '</table>'));
        $xpath = new \DOMXPath($doc);
        $row = $xpath->query('//tr[@id="row_bandeau_routing_rules_list"]')->item(0);
        self::assertNotNull($row);
        self::assertSame(1, $xpath->query('td', $row)->length, 'one cell: no squeezed label column');
        self::assertSame('5', $xpath->query('td', $row)->item(0)->getAttribute('colspan'));
        self::assertSame(0, $xpath->query('//td[contains(@class, "label")]')->length);
        self::assertSame('Routing Rules', trim($xpath->query('//*[@class="bandeau-rules-title"]')->item(0)->textContent));
        self::assertStringContainsString('first match wins', $html, 'the field comment is shown');
        // Deleting every rule still posts the field, so an empty list can be saved (ArraySerialized drops __empty).
        $empty = $xpath->query('//input[@type="hidden"][@name="' . self::NAME . '[__empty]"]');
        self::assertSame(1, $empty->length);
        self::assertSame(1, $xpath->query('//ol[@data-role="bandeau-rules-list"]')->length);
        self::assertSame(1, $xpath->query('//button[@type="button"][@data-role="bandeau-rules-add"]')->length);
        self::assertSame(1, $xpath->query('//*[@data-role="bandeau-rules-status"][@aria-live="polite"]')->length);
        self::assertSame(0, $xpath->query('//script[not(@type="text/x-magento-init")]')->length, 'no inline script (CSP)');
        self::assertStringNotContainsString('<b>', $html, 'option labels are JSON with HTML characters escaped');
    }

    public function testRowsKeepTheirOrderAndEveryColumnMultiselectsAsIdLists(): void
    {
        $rows = self::defaultRows();
        $rows['vip']['customer_groups'] = '4,2';
        unset($rows['not_shipped']['store_ids']); // a row stored before that column existed
        $rows = ['delivered_recently' => $rows['delivered_recently']] + $rows; // any order is kept
        $rows['__empty'] = '';
        $rows['bad id"><x'] = $rows['vip'];
        $rows['bad id"><x']['code'] = 'copy';
        $config = self::config(self::render($rows)[1]);
        self::assertSame(self::NAME, $config['name']);
        self::assertSame('bandeau_routing_rules_list', $config['idPrefix']);
        self::assertSame(
            ['delivered_recently', 'vip', 'not_shipped', 'payment_problem', '_stored_1'],
            array_column($config['rows'], 'id')
        );
        foreach ($config['rows'] as $row) {
            self::assertSame(RoutingRules::COLUMNS, array_keys($row['values']));
        }
        $vip = $config['rows'][1]['values'];
        self::assertSame(['4', '2'], $vip['customer_groups']);
        self::assertSame([], $vip['store_ids']);
        self::assertSame(['1', 'vip', '10'], [$vip['vip'], $vip['route'], $vip['priority']]);
        self::assertSame([], $config['rows'][2]['values']['store_ids']);
        self::assertSame('14', $config['rows'][0]['values']['shipped_within_days']);
        self::assertSame([], self::config(self::render(false)[1])['rows'], 'nothing stored: no rows');
    }

    public function testChoicesAreTheValuesTheBackendModelAccepts(): void
    {
        $options = self::config(self::render([])[1])['options'];
        $values = static fn (string $key): array => array_map('strval', array_column($options[$key], 'value'));
        self::assertSame(['1', '0'], $values('active'));
        self::assertSame(['', '1', '0'], $values('vip'));
        self::assertSame(['', '1', '0'], $values('open_cart'));
        self::assertSame(['', '1', '0'], $values('unknown_number'));
        self::assertSame(array_merge([''], RoutingRules::ORDER_CONDITIONS), $values('order'));
        self::assertSame(['1', '2', '4'], $values('customer_groups'));
        self::assertSame(['1', '2'], $values('store_ids'));
        self::assertSame('VIP & "friends" <b>', $options['customer_groups'][2]['label']);
    }

    public function testEveryFieldHasALabelAndEveryTextIsInTheCatalogues(): void
    {
        $texts = self::config(self::render([])[1])['texts'];
        foreach (RoutingRules::COLUMNS as $column) {
            self::assertArrayHasKey($column, $texts, $column);
        }
        $en = TranslatableStrings::readCsv(TranslatableStrings::MODULE_DIR . '/i18n/en_US.csv');
        $fr = TranslatableStrings::readCsv(TranslatableStrings::MODULE_DIR . '/i18n/fr_FR.csv');
        foreach ($texts as $key => $text) {
            self::assertArrayHasKey($text, $en, "en_US: $key");
            self::assertArrayHasKey($text, $fr, "fr_FR: $key");
        }
    }
}
