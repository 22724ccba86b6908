<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Plugin;

use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\Phone\TelLink;
use Bandeau\Cti\Plugin\Sales\OrderInfoTelLinkPlugin;
use Bandeau\Cti\Test\Support\TranslatableStrings;
use Magento\Framework\Escaper;
use Magento\Sales\Block\Adminhtml\Order\View\Info;
use Magento\Sales\Model\Order;
use Magento\Sales\Model\Order\Address;
use PHPUnit\Framework\TestCase;

/**
 * Issue 11: on a real Magento 2.4.6 the order view's address telephone was plain text, because
 * Sales' order/view/info.phtml escapes the rendered address with <a> not allowed.
 */
class OrderInfoTelLinkPluginTest extends TestCase
{
    /** The address section as Magento 2.4.6 prints it (the stock template's tel: link reduced to text). */
    private const HTML = '<section class="admin__page-section order-addresses">'
        . '<div class="admin__page-section-item order-billing-address">'
        . '<address class="admin__page-section-item-content">Marie Curie<br>1 rue Pierre et Marie Curie<br>'
        . 'Paris,  75005<br>France<br>T: 06 12 34 56 78</address></div>'
        . '<div class="admin__page-section-item order-shipping-address">'
        . '<address class="admin__page-section-item-content">Ève Curie<br>2 avenue Foch<br>Paris,  75016<br>'
        . 'France<br>T: +33 7 00 00 00 01</address></div></section>'
        . '<p>Order placed from 06 12 34 56 78</p>';

    private OrderInfoTelLinkPlugin $plugin;

    protected function setUp(): void
    {
        $this->plugin = new OrderInfoTelLinkPlugin(new TelLink(new Escaper(), new PhoneNormaliser()));
    }

    private static function info(?string $billing, ?string $shipping): Info
    {
        return new Info(['order' => new Order([
            'billing_address' => $billing === null ? null : new Address(['telephone' => $billing]),
            'shipping_address' => $shipping === null ? null : new Address(['telephone' => $shipping]),
        ])]);
    }

    public function testBillingAndShippingTelephonesBecomeLinks(): void
    {
        $html = $this->plugin->afterToHtml(self::info('06 12 34 56 78', '+33 7 00 00 00 01'), self::HTML);
        self::assertStringContainsString(
            'T: <a href="tel:0612345678" class="bandeau-tel">06 12 34 56 78</a></address>',
            $html
        );
        self::assertStringContainsString(
            'T: <a href="tel:+33700000001" class="bandeau-tel">+33 7 00 00 00 01</a></address>',
            $html
        );
        self::assertSame(2, substr_count($html, 'href="tel:'), 'only inside the addresses');
        self::assertStringEndsWith('<p>Order placed from 06 12 34 56 78</p>', $html);
    }

    public function testSameNumberOnBothAddressesAndVirtualOrders(): void
    {
        $same = str_replace('+33 7 00 00 00 01', '06 12 34 56 78', self::HTML);
        $html = $this->plugin->afterToHtml(self::info('06 12 34 56 78', '06 12 34 56 78'), $same);
        self::assertSame(2, substr_count($html, '<a href="tel:0612345678"'));

        $html = $this->plugin->afterToHtml(self::info('06 12 34 56 78', null), self::HTML);
        self::assertSame(1, substr_count($html, 'href="tel:'), 'virtual order: no shipping address');
    }

    public function testLeavesOtherOutputAlone(): void
    {
        $withLink = str_replace('T: 06 12 34 56 78', 'T: <a href="tel:0612345678">06 12 34 56 78</a>', self::HTML);
        $html = $this->plugin->afterToHtml(self::info('06 12 34 56 78', '+33 7 00 00 00 01'), $withLink);
        self::assertSame(1, substr_count($html, 'href="tel:0612345678"'), 'an address already linked stays as is');

        self::assertSame(self::HTML, $this->plugin->afterToHtml(new Info(), self::HTML), 'no order');
        self::assertSame(self::HTML, $this->plugin->afterToHtml(self::info('n/a', null), self::HTML));
        self::assertSame('', $this->plugin->afterToHtml(self::info('06 12 34 56 78', null), ''));
    }

    public function testCustomerTypedMarkupStaysEscaped(): void
    {
        $evil = '06 12 34 56 78"><script>x</script>';
        $escaped = (new Escaper())->escapeHtml($evil);
        $input = '<address>T: ' . $escaped . '</address>';
        $html = $this->plugin->afterToHtml(self::info($evil, null), $input);
        self::assertStringNotContainsString('<script>', $html);
        self::assertStringContainsString('href="tel:0612345678"', $html);
    }

    public function testPluginIsDeclaredOnTheOrderInfoBlockForTheAdmin(): void
    {
        $doc = new \DOMDocument();
        self::assertTrue($doc->load(TranslatableStrings::MODULE_DIR . '/etc/adminhtml/di.xml'));
        $plugins = (new \DOMXPath($doc))->query(
            '/config/type[@name="Magento\Sales\Block\Adminhtml\Order\View\Info"]/plugin/@type'
        );
        self::assertSame(1, $plugins->length);
        self::assertSame(OrderInfoTelLinkPlugin::class, $plugins->item(0)->value);
    }
}
