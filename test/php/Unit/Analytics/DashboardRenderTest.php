<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Analytics;

use Bandeau\Cti\Model\Analytics\AnalyticsState;
use Bandeau\Cti\Model\Analytics\DashboardTables;
use Bandeau\Cti\Model\Analytics\StatsFilter;
use PHPUnit\Framework\TestCase;

/**
 * The dashboard template rendered with fixture figures: the test hooks (data-analytics-block,
 * data-total, data-value), each table equal to its block's rows, escaping, the GET filter form and the
 * export links.
 */
class DashboardRenderTest extends TestCase
{
    public static function xpath(string $html): \DOMXPath
    {
        $doc = new \DOMDocument();
        $doc->loadHTML('<?xml encoding="utf-8"?>' . $html, LIBXML_NOERROR | LIBXML_NOWARNING);
        return new \DOMXPath($doc);
    }

    /**
     * The rows of a block's table as the page shows them: data-value when the cell has one, else its text.
     *
     * @return array{0: string[], 1: array<int, string[]>}
     */
    public static function pageTable(\DOMXPath $xpath, string $block): array
    {
        $section = '//section[@data-analytics-block="' . $block . '"]';
        $columns = array_map(
            static fn (\DOMNode $th): string => trim($th->textContent),
            iterator_to_array($xpath->query($section . '//table/thead//th'))
        );
        $rows = [];
        foreach ($xpath->query($section . '//table/tbody/tr[not(td[@class="bandeau-analytics-empty"])]') as $tr) {
            $cells = [];
            foreach ($xpath->query('./th|./td', $tr) as $cell) {
                /** @var \DOMElement $cell */
                $cells[] = $cell->hasAttribute('data-value')
                    ? $cell->getAttribute('data-value')
                    : trim($cell->textContent);
            }
            $rows[] = $cells;
        }
        return [$columns, $rows];
    }

    public function testEveryBlockHasItsSectionTableAndChart(): void
    {
        $viewModel = DashboardFixture::viewModel(['from' => '2023-10-16', 'to' => '2023-11-14']);
        $xpath = self::xpath(DashboardFixture::render($viewModel));
        $figures = $viewModel->getFigures();
        foreach (DashboardTables::BLOCKS as $block) {
            self::assertSame(1, $xpath->query('//section[@data-analytics-block="' . $block . '"]')->length, $block);
            $table = $viewModel->getTable($block);
            [$columns, $rows] = self::pageTable($xpath, $block);
            self::assertSame($table['columns'], $columns, $block);
            $expected = array_map(
                static fn (array $row): array => array_map(
                    static fn (array $cell): string => $cell['value'] === null
                        ? $cell['text']
                        : $viewModel->rawValue($cell['value']),
                    $row
                ),
                $table['rows']
            );
            self::assertSame($expected, $rows, $block);
            self::assertNotSame([], $rows, $block . ' has rows in the fixture');
        }
        foreach (['heatmap', 'daily', 'byRoute', 'byQueue', 'byAgent'] as $block) {
            self::assertSame(
                1,
                $xpath->query('//section[@data-analytics-block="' . $block . '"]//figure/svg[@role="img"]')->length,
                $block . ' has its chart'
            );
        }
        self::assertSame(
            count($figures['daily']),
            $xpath->query('//section[@data-analytics-block="daily"]//tbody/tr')->length
        );
    }

    public function testTotalsCarryTheirRawFigures(): void
    {
        $viewModel = DashboardFixture::viewModel();
        $xpath = self::xpath(DashboardFixture::render($viewModel));
        $totals = $viewModel->getFigures()['totals'];
        self::assertCount(10, $totals);
        foreach ($totals as $key => $value) {
            $node = $xpath->query('//section[@data-analytics-block="totals"]//*[@data-total="' . $key . '"]')->item(0);
            self::assertNotNull($node, $key);
            self::assertSame($viewModel->rawValue($value), $node->getAttribute('data-value'), $key);
        }
        $sales = $viewModel->getFigures()['sales'];
        $value = static fn (string $total): string => $xpath->query('//*[@data-total="' . $total . '"]')->item(0)
            ->getAttribute('data-value');
        self::assertSame((string)$sales['orders'], $value('salesOrders'));
        self::assertSame('4210.55', $value('salesRevenue'));
    }

    public function testHostileNamesAreEscapedEverywhere(): void
    {
        $html = DashboardFixture::render(DashboardFixture::viewModel(['direction' => '"><script>x</script>']));
        self::assertStringNotContainsString('<script>', $html);
        self::assertStringContainsString('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co', $html);
        $xpath = self::xpath($html);
        self::assertSame(0, $xpath->query('//script')->length);
    }

    public function testFilterFormIsAGetFormWithTheSecretKeyInItsAction(): void
    {
        $xpath = self::xpath(DashboardFixture::render(DashboardFixture::viewModel([
            'from' => '2023-11-01', 'to' => '2023-11-10', 'store' => '2', 'direction' => 'inbound', 'agent' => '4',
        ])));
        $form = $xpath->query('//form[@role="search"]')->item(0);
        self::assertSame('get', $form->getAttribute('method'));
        self::assertSame(
            'https://shop.example.com/admin_x1/bandeau/analytics/index/key/a1b2c3/',
            $form->getAttribute('action')
        );
        $value = static fn (string $query, string $attribute = 'value'): string => $xpath->query($query)->item(0)
            ->getAttribute($attribute);
        self::assertSame('2023-11-01', $value('//input[@name="from"]'));
        self::assertSame('2023-11-10', $value('//input[@name="to"]'));
        self::assertSame('2', $value('//select[@name="store"]/option[@selected]'));
        self::assertSame('inbound', $value('//select[@name="direction"]/option[@selected]'));
        self::assertSame('4', $value('//select[@name="agent"]/option[@selected]'));
        $export = $value('//section[@data-analytics-block="byRoute"]//a[@download]', 'href');
        self::assertSame(
            'https://shop.example.com/admin_x1/bandeau/analytics/export/key/a1b2c3/?block=byRoute&from=2023-11-01'
            . '&to=2023-11-10&store=2&direction=inbound&agent=4',
            $export
        );
    }

    public function testCorrectionsAreSaid(): void
    {
        $stats = DashboardFixture::stats();
        $html = DashboardFixture::render(DashboardFixture::viewModel(
            ['from' => '2019-01-01', 'to' => '2023-11-14', 'agent' => 'bob'],
            $stats
        ));
        self::assertStringContainsString('The range was shortened to the last 366 days.', $html);
        self::assertStringContainsString('Unknown agent; all agents are shown.', $html);
        self::assertSame('2022-11-14', $stats->last->from);
        self::assertSame([StatsFilter::CORRECTED_RANGE, StatsFilter::CORRECTED_AGENT], $stats->last->corrections);
    }

    public function testSaysWhenTheAggregatesWereBuiltInAnotherZone(): void
    {
        $state = static fn (?string $zone): AnalyticsState => new class ($zone) extends AnalyticsState {
            public function __construct(private ?string $zone)
            {
            }

            public function load(): ?array
            {
                return $this->zone === 'never' ? null : ['timezone' => $this->zone];
            }
        };
        $notice = 'These figures were built in the UTC time zone; the reporting time zone is now Europe/Paris.'
            . ' Run bin/magento bandeau:analytics:rebuild.';
        $html = DashboardFixture::render(DashboardFixture::viewModel([], null, $state('UTC')));
        self::assertStringContainsString($notice, $html);
        foreach (['Europe/Paris', null, 'never'] as $zone) {
            $html = DashboardFixture::render(DashboardFixture::viewModel([], null, $state($zone)));
            self::assertStringNotContainsString('These figures were built', $html);
        }
    }

    public function testRawValuesHaveNoExponentOrLocale(): void
    {
        $viewModel = DashboardFixture::viewModel();
        self::assertSame('1234567', $viewModel->rawValue(1234567));
        self::assertSame('0.1667', $viewModel->rawValue(0.1667));
        self::assertSame('150', $viewModel->rawValue(150.0));
        self::assertSame('0.0001', $viewModel->rawValue(0.0001));
        self::assertSame('0', $viewModel->rawValue(0.0));
        self::assertSame('4210.55', $viewModel->rawValue(4210.55));
    }

    public function testEmptyPeriodSaysSo(): void
    {
        $empty = new class implements \Bandeau\Cti\Api\CallStatsInterface {
            public function figures(StatsFilter $filter): array
            {
                $f = new \Bandeau\Cti\Model\Analytics\Figures();
                return $f->assemble($filter, [
                    'totals' => $f->totals([]), 'heatmap' => $f->heatmap([]), 'daily' => $f->daily($filter, []),
                    'byRoute' => [], 'byQueue' => [], 'byAgent' => [], 'missedHours' => [],
                    'sales' => $f->sales(7, [], [], [], []), 'campaigns' => [], 'unknownCallers' => [],
                ]);
            }
        };
        $html = DashboardFixture::render(DashboardFixture::viewModel([], $empty));
        self::assertStringContainsString('No calls in this period.', $html);
        self::assertSame(8, substr_count($html, 'Nothing in this period.'), 'every table but the days');
    }
}
