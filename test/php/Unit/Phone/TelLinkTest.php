<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Phone;

use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\Phone\TelLink;
use Bandeau\Cti\Plugin\Address\TelLinkAddressPlugin;
use Bandeau\Cti\Ui\Component\Listing\Column\Telephone;
use Magento\Customer\Block\Address\Renderer\RendererInterface;
use Magento\Framework\DataObject;
use Magento\Framework\Escaper;
use Magento\Framework\View\Element\UiComponent\ContextInterface;
use Magento\Framework\View\Element\UiComponentFactory;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

class TelLinkTest extends TestCase
{
    private TelLink $telLink;

    protected function setUp(): void
    {
        $this->telLink = new TelLink(new Escaper(), new PhoneNormaliser());
    }

    public static function numbers(): array
    {
        return [
            'national with spaces' => ['06 12 34 56 78', 'tel:0612345678'],
            'international with (0)' => ['+33 (0)6 12 34 56 78', 'tel:+330612345678'],
            'dots' => ['06.12.34.56.78', 'tel:0612345678'],
            'extension "ext." as ;ext=' => ['(415) 555-0123 ext. 12', 'tel:4155550123;ext=12'],
            'extension "x" as ;ext=' => ['+1 212-736-5000 x12', 'tel:+12127365000;ext=12'],
            'extension "poste" as ;ext=' => ['01 23 45 67 89 poste 123', 'tel:0123456789;ext=123'],
            'extension "p." as ;ext=' => ['Tél. 01 23 45 67 89 p. 12', 'tel:0123456789;ext=12'],
            'extension "#" as ;ext=' => ['+33 1 23 45 67 89 #45', 'tel:+33123456789;ext=45'],
            'extension with leading zeros kept' => ['+1 212-736-5000 ext. 0012', 'tel:+12127365000;ext=0012'],
            '00 prefix kept as digits' => ['0044 20 7946 0958', 'tel:00442079460958'],
            'plus only at the start' => ['555+0123+99', 'tel:555012399'],
        ];
    }

    #[DataProvider('numbers')]
    public function testUriKeepsOnlyDigitsAndALeadingPlus(string $written, string $uri): void
    {
        self::assertSame($uri, $this->telLink->uri($written));
        self::assertSame(
            '<a href="' . $uri . '" class="bandeau-tel">' . htmlspecialchars($written) . '</a>',
            $this->telLink->html($written)
        );
    }

    public static function hostile(): array
    {
        return [
            'quote breaks out of href' => ['0612345678" onmouseover="alert(1)'],
            'javascript scheme' => ['javascript:alert(document.cookie)//0612345678'],
            'markup' => ['<script>alert(1)</script>0612345678'],
            'CR/LF' => ["0612345678\r\nAction: Originate"],
            'single quote' => ["06'12345678'><img src=x onerror=alert(1)>"],
            'markup after an extension' => ['0612345678 ext. 12"><script>alert(1)</script>'],
            'CR/LF after an extension' => ["+1 212-736-5000 ext. 12\r\nAction: Originate"],
            'quote in the extension' => ['+1 212-736-5000 ext. 1"2'],
        ];
    }

    #[DataProvider('hostile')]
    public function testHostileNumbersComeOutInert(string $written): void
    {
        $html = $this->telLink->html($written);
        $doc = new \DOMDocument();
        $doc->loadHTML('<html><body>' . $html . '</body></html>', LIBXML_NOERROR);
        $body = $doc->getElementsByTagName('body')->item(0);
        $elements = iterator_to_array($doc->getElementsByTagName('*'));
        $tags = array_map(static fn (\DOMElement $e): string => $e->tagName, $elements);
        self::assertSame([], array_values(array_diff($tags, ['html', 'body', 'a'])), 'no element but the link');
        foreach ($doc->getElementsByTagName('a') as $a) {
            self::assertSame(['href', 'class'], array_values(array_map(static fn ($n) => $n->name, iterator_to_array($a->attributes))));
            $href = $a->getAttribute('href');
            self::assertMatchesRegularExpression('/^tel:\+?\d+(;ext=\d+)?$/', $href);
        }
        self::assertStringNotContainsString("\r", $html);
        self::assertStringNotContainsString("\n", $html);
        self::assertStringNotContainsString('<script', $html);
        self::assertStringNotContainsString('javascript:', strtolower(implode(' ', array_map(
            static fn ($a) => $a->getAttribute('href'),
            iterator_to_array($doc->getElementsByTagName('a'))
        ))));
        self::assertNotNull($body);
    }

    public function testTextWithoutANumberIsOnlyEscaped(): void
    {
        self::assertSame('n/a', $this->telLink->html('n/a'));
        self::assertSame('&lt;b&gt;12&lt;/b&gt;', $this->telLink->html('<b>12</b>'));
        self::assertSame('', $this->telLink->html(null));
        self::assertSame('', $this->telLink->html("  \r\n "));
        self::assertNull($this->telLink->uri('1234567890123456789012'), 'too many digits');
    }

    public function testLinkifyWrapsTheEscapedNumberOnceAndLeavesStockLinksAlone(): void
    {
        $html = 'Veronica Costello<br/>6146 Honey Bluff Parkway<br/>T: 06 12 34 56 78';
        self::assertSame(
            'Veronica Costello<br/>6146 Honey Bluff Parkway<br/>T: <a href="tel:0612345678" class="bandeau-tel">06 12 34 56 78</a>',
            $this->telLink->linkify($html, '06 12 34 56 78')
        );
        $stock = 'T: <a href="tel:06 12 34 56 78">06 12 34 56 78</a>';
        self::assertSame($stock, $this->telLink->linkify($stock, '06 12 34 56 78'));
        $escaped = 'T: 06&quot;12 &lt;x&gt;';
        self::assertSame(
            'T: <a href="tel:0612" class="bandeau-tel">06&quot;12 &lt;x&gt;</a>',
            $this->telLink->linkify($escaped, '06"12 <x>')
        );
        self::assertSame('no number here', $this->telLink->linkify('no number here', '0612345678'));
    }

    public function testGridColumnAddsTheLinkBesideTheRawValue(): void
    {
        $column = new Telephone(
            new class implements ContextInterface {
            },
            new UiComponentFactory(),
            $this->telLink,
            [],
            ['name' => 'billing_telephone']
        );
        $source = ['data' => ['items' => [
            ['entity_id' => 1, 'billing_telephone' => '06 12 34 56 78'],
            ['entity_id' => 2, 'billing_telephone' => '"><script>alert(1)</script>'],
            ['entity_id' => 3, 'billing_telephone' => null],
            ['entity_id' => 4],
        ]]];
        $items = $column->prepareDataSource($source)['data']['items'];
        self::assertSame('06 12 34 56 78', $items[0]['billing_telephone'], 'raw value kept for filters and inline edit');
        self::assertSame(
            '<a href="tel:0612345678" class="bandeau-tel">06 12 34 56 78</a>',
            $items[0]['billing_telephone' . Telephone::HTML_SUFFIX]
        );
        self::assertSame('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;', $items[1]['billing_telephone_bandeau_tel']);
        self::assertSame('', $items[2]['billing_telephone_bandeau_tel']);
        self::assertSame('', $items[3]['billing_telephone_bandeau_tel']);
        self::assertSame(['x' => 1], $column->prepareDataSource(['x' => 1]));
    }

    public function testAddressPluginLinksOnlyHtmlAddresses(): void
    {
        $plugin = new TelLinkAddressPlugin($this->telLink);
        $renderer = static fn (string $code): RendererInterface => new class ($code) implements RendererInterface {
            public function __construct(private string $code)
            {
            }

            public function getType()
            {
                return new DataObject(['code' => $this->code]);
            }

            public function renderArray($addressAttributes, $format = null)
            {
                return '';
            }
        };
        $html = 'Marie Curie<br/>T: 06 12 34 56 78';
        self::assertStringContainsString(
            '<a href="tel:0612345678"',
            $plugin->afterRenderArray($renderer('html'), $html, ['telephone' => '06 12 34 56 78'])
        );
        self::assertSame($html, $plugin->afterRenderArray($renderer('text'), $html, ['telephone' => '06 12 34 56 78']));
        self::assertSame($html, $plugin->afterRenderArray($renderer('html'), $html, []));
    }
}
