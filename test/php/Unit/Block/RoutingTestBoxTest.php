<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Block;

use Bandeau\Cti\Block\Adminhtml\Routing\TestBox;
use Bandeau\Cti\Model\Config\Source\StoreViews;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Magento\Backend\Block\Template\Context;
use Magento\Customer\Model\Customer\Attribute\Source\GroupSourceLoggedInOnlyInterface;
use Magento\Framework\Data\Form\Element\AbstractElement;
use Magento\Framework\DataObject;
use Magento\Framework\Phrase;
use Magento\Store\Model\StoreManagerInterface;
use PHPUnit\Framework\TestCase;

/**
 * The "Test a number" box as the config page renders it (templates/routing/test-box.phtml): an
 * unnamed input (the config form must not save it), a button, and the x-magento-init that hands
 * Bandeau_Cti/js/routing-test the controller's URL, the form key and every translated sentence.
 */
class RoutingTestBoxTest extends TestCase
{
    public static function box(?FakeBackendUrl $url = null): TestBox
    {
        $groups = new class implements GroupSourceLoggedInOnlyInterface {
            public function toOptionArray()
            {
                return [['value' => '1', 'label' => 'General'], ['value' => '4', 'label' => 'VIP <gold>']];
            }
        };
        $stores = new class implements StoreManagerInterface {
            public function getStores($withDefault = false, $codeKey = false)
            {
                $store = new class (['id' => 1, 'name' => 'Default Store View']) extends DataObject {
                    public function getId()
                    {
                        return $this->getData('id');
                    }

                    public function getName()
                    {
                        return $this->getData('name');
                    }
                };
                return [1 => $store];
            }
        };
        return new TestBox(new Context($url ?? new FakeBackendUrl()), $groups, new StoreViews($stores));
    }

    public static function render(?FakeBackendUrl $url = null): string
    {
        return self::box($url)->render(new AbstractElement([
            'html_id' => 'bandeau_routing_test_box', 'label' => 'Phone Number', 'scope' => 'default',
        ]));
    }

    /** @return array<string, mixed> the x-magento-init of the box */
    private static function init(string $html): array
    {
        self::assertSame(1, preg_match('#<script type="text/x-magento-init">(.*?)</script>#s', $html, $m));
        return json_decode($m[1], true, 512, JSON_THROW_ON_ERROR);
    }

    public function testRendersAnUnnamedInputAButtonAndTheModulesConfig(): void
    {
        $html = self::render();
        $doc = new \DOMDocument();
        self::assertTrue(@$doc->loadHTML('<table>' . $html . '</table>'));
        $xpath = new \DOMXPath($doc);
        $input = $xpath->query('//input[@data-role="bandeau-routing-phone"]')->item(0);
        self::assertNotNull($input);
        self::assertFalse($input->hasAttribute('name'), 'the configuration form must not post (and save) it');
        self::assertSame(1, $xpath->query('//button[@type="button"][@data-role="bandeau-routing-run"]')->length);
        self::assertSame(1, $xpath->query('//*[@data-role="bandeau-routing-result"][@aria-live="polite"]')->length);
        self::assertSame(0, $xpath->query('//script[not(@type="text/x-magento-init")]')->length, 'no inline script (CSP)');

        $init = self::init($html);
        self::assertSame(['#bandeau-routing-test-bandeau_routing_test_box'], array_keys($init));
        $config = $init['#bandeau-routing-test-bandeau_routing_test_box']['Bandeau_Cti/js/routing-test'];
        self::assertSame('https://shop.example.com/admin_x1/bandeau/routing/test/key/a1b2c3/', $config['testUrl']);
        self::assertSame('stubFormKey123', $config['formKey']);
        self::assertSame(['1' => 'General', '4' => 'VIP <gold>'], $config['groups']);
        self::assertSame(['1' => 'Default Store View'], $config['stores']);
        self::assertSame('Order #%1 not shipped', $config['texts']['why_order_not_shipped']);
        self::assertSame('Shipped %1 days ago (order #%2)', $config['texts']['why_shipped_recently']);
        self::assertStringNotContainsString('<gold>', $html, 'names are JSON with HTML characters escaped');
    }

    public function testEveryWhyCodeOfTheContractHasASentence(): void
    {
        $texts = self::box()->getBoxConfig()['texts'];
        foreach ([
            'customer_group', 'vip', 'not_vip', 'lifetime_sales', 'order_any_open', 'order_not_shipped',
            'order_payment_problem', 'order_payment_review', 'order_holded', 'order_status', 'shipped_recently',
            'open_cart', 'no_open_cart', 'store', 'unknown_number', 'known_number',
        ] as $code) {
            self::assertArrayHasKey('why_' . $code, $texts);
        }
        foreach (['no_match', 'unknown_number', 'no_caller_id', 'timeout', 'error'] as $reason) {
            self::assertArrayHasKey('reason_' . $reason, $texts);
        }
    }

    public function testSentencesAreInTheAdminsLanguage(): void
    {
        Phrase::$dictionary = ['Order #%1 not shipped' => 'Commande n° %1 non expédiée', 'Test Number' => 'Tester le numéro'];
        try {
            $html = self::render();
        } finally {
            Phrase::$dictionary = [];
        }
        $config = self::init($html)['#bandeau-routing-test-bandeau_routing_test_box']['Bandeau_Cti/js/routing-test'];
        self::assertSame('Commande n° %1 non expédiée', $config['texts']['why_order_not_shipped']);
        self::assertStringContainsString('<span>Tester le numéro</span>', $html);
    }
}
