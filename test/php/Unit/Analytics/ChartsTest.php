<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Analytics;

use Bandeau\Cti\Model\Analytics\Charts\BarChart;
use Bandeau\Cti\Model\Analytics\Charts\HeatMap;
use Bandeau\Cti\Model\Analytics\Charts\LineChart;
use Bandeau\Cti\Model\Analytics\Charts\Svg;
use Bandeau\Cti\Model\Analytics\StatsFilter;
use Bandeau\Cti\Model\Campaign\ResultsChart;
use Magento\Framework\Escaper;
use PHPUnit\Framework\TestCase;

/**
 * The server-side SVG charts: well-formed, labelled for screen readers (role="img", <title> and <desc>
 * referenced by aria-labelledby), every text escaped, and numbers written in the chart so it reads
 * without colour.
 */
class ChartsTest extends TestCase
{
    private function parse(string $svg): \DOMXPath
    {
        $doc = new \DOMDocument();
        self::assertTrue($doc->loadXML($svg), 'the SVG is well-formed XML');
        $xpath = new \DOMXPath($doc);
        $xpath->registerNamespace('s', 'http://www.w3.org/2000/svg');
        return $xpath;
    }

    private function assertAccessible(\DOMXPath $xpath, string $title): void
    {
        $root = $xpath->document->documentElement;
        self::assertSame('img', $root->getAttribute('role'));
        [$titleId, $descId] = explode(' ', $root->getAttribute('aria-labelledby'));
        self::assertSame($title, $xpath->query('//s:title[@id="' . $titleId . '"]')->item(0)?->textContent);
        self::assertNotSame('', trim((string)$xpath->query('//s:desc[@id="' . $descId . '"]')->item(0)?->textContent));
        self::assertSame('title', $root->firstChild->nodeName, 'the title comes first');
    }

    public function testDashboardChartsAreAccessibleAndEscaped(): void
    {
        $figures = DashboardFixture::figures(new StatsFilter('2023-10-16', '2023-11-14'));
        $charts = DashboardFixture::charts();
        $svgs = [
            'Calls per hour of day and day of week' => $charts->heatmap($figures),
            'Calls per day' => $charts->daily($figures),
            'Calls per route' => $charts->bars('byRoute', $figures),
            'Calls per queue' => $charts->bars('byQueue', $figures),
            'Calls handled per agent' => $charts->bars('byAgent', $figures),
        ];
        $ids = [];
        foreach ($svgs as $title => $svg) {
            $xpath = $this->parse($svg);
            $this->assertAccessible($xpath, $title);
            $ids[] = $xpath->document->documentElement->getAttribute('aria-labelledby');
            self::assertStringNotContainsString('<script', $svg);
        }
        self::assertSame($ids, array_unique($ids), 'ids are unique on the page');
        self::assertStringContainsString(
            '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co',
            $svgs['Calls handled per agent']
        );
    }

    public function testCountsInWordsUseTheSingularForOne(): void
    {
        $figures = DashboardFixture::figures(new StatsFilter('2023-10-16', '2023-11-14'));
        // One call in a single hour, one route: "1 call", "One row", never "1 calls" nor "1 rows".
        $figures['heatmap'] = [[3, 9, 1, 0], [3, 10, 2, 1]];
        $figures['byRoute'] = [array_replace($figures['byRoute'][0], [0 => 'sales', 1 => 1])];
        $charts = DashboardFixture::charts();
        $titles = array_map(
            static fn (\DOMNode $n): string => $n->textContent,
            iterator_to_array($this->parse($charts->heatmap($figures))->query('//s:g/s:title'))
        );
        self::assertContains('Wednesday 09:00–10:00: 1 call; missed or abandoned: 0', $titles);
        self::assertContains('Wednesday 10:00–11:00: 2 calls; missed or abandoned: 1', $titles);
        $desc = $this->parse($charts->bars('byRoute', $figures))->query('//s:desc')->item(0)?->textContent;
        self::assertStringStartsWith('One row: sales with 1 call.', (string)$desc);
        $tables = new \Bandeau\Cti\Model\Analytics\DashboardTables();
        self::assertSame(['1 call', '0 calls', '1 506 calls', '1 order', '12 orders'], [
            $tables->calls(1), $tables->calls(0), $tables->calls(1506), $tables->orders(1), $tables->orders(12),
        ]);
    }

    public function testHeatMapHasEveryCellWithItsNumberAndMissedMark(): void
    {
        $cells = [];
        for ($dow = 1; $dow <= 7; $dow++) {
            for ($hour = 0; $hour < 24; $hour++) {
                $cells[] = [$dow, $hour, $dow === 2 && $hour === 9 ? 42 : 0, $dow === 2 && $hour === 9 ? 5 : 0];
            }
        }
        $svg = (new HeatMap(new Svg(new Escaper())))->render(
            'hm',
            $cells,
            [1 => 'Mon', 2 => 'Tue', 3 => 'Wed', 4 => 'Thu', 5 => 'Fri', 6 => 'Sat', 7 => 'Sun'],
            'Heat <map>',
            'Busiest "hour"',
            static fn (int $dow, int $hour, int $calls, int $missed): string => "$dow/$hour: $calls & $missed"
        );
        $xpath = $this->parse($svg);
        $this->assertAccessible($xpath, 'Heat <map>');
        self::assertSame(168, $xpath->query('//s:rect[@class="bandeau-heatmap-cell"]')->length);
        $values = $xpath->query('//s:text[contains(@class, "bandeau-heatmap-value")]');
        self::assertSame(1, $values->length, 'empty hours have no number');
        self::assertSame('42', $values->item(0)->textContent);
        self::assertStringContainsString('bandeau-heatmap-on-dark', $values->item(0)->getAttribute('class'));
        self::assertSame(1, $xpath->query('//s:path[@class="bandeau-heatmap-missed"]')->length);
        self::assertSame('2/9: 42 & 5', $xpath->query('//s:g[s:text]/s:title')->item(0)->textContent);
    }

    public function testLineChartMarksSeriesByShapeAndDashAndWritesFewValues(): void
    {
        $chart = new LineChart(new Svg(new Escaper()));
        $svg = $chart->render(
            'line',
            ['11-13', '11-14', '11-15'],
            [['label' => 'Calls', 'values' => [3, 0, 7]], ['label' => 'Missed <b>', 'values' => [1, 0, 2]]],
            'Per day',
            'desc'
        );
        $xpath = $this->parse($svg);
        $this->assertAccessible($xpath, 'Per day');
        self::assertSame(2, $xpath->query('//s:polyline')->length);
        self::assertSame('6 4', $xpath->query('//s:polyline')->item(1)->getAttribute('stroke-dasharray'));
        self::assertSame(3 + 1, $xpath->query('//s:circle')->length, 'three points and the legend');
        self::assertSame(3 + 1, $xpath->query('//s:rect')->length, 'squares for the second series');
        $points = array_map(
            static fn (\DOMNode $n): string => $n->textContent,
            iterator_to_array($xpath->query('//s:text[contains(@class, "bandeau-chart-point")]'))
        );
        self::assertSame(['3', '0', '7', '1', '0', '2'], $points);
        self::assertSame(1, $xpath->query('//s:text[.="Missed <b>"]')->length);
        self::assertSame([4, 4, 10, 20, 50, 100, 200, 400, 500, 1000], array_map(
            [$chart, 'niceCeiling'],
            [0, 4, 7, 11, 41, 99, 101, 399, 401, 999]
        ));
    }

    public function testLineChartThinsDateLabelsOnLongRanges(): void
    {
        $labels = array_map(static fn (int $i): string => sprintf('d%03d', $i), range(0, 365));
        $svg = (new LineChart(new Svg(new Escaper())))->render(
            'year',
            $labels,
            [['label' => 'Calls', 'values' => array_fill(0, 366, 5)]],
            'Year',
            'desc'
        );
        $xpath = $this->parse($svg);
        $dates = $xpath->query('//s:text[starts-with(., "d")]');
        self::assertLessThanOrEqual(LineChart::MAX_LABELS + 1, $dates->length);
        self::assertSame('d365', $dates->item($dates->length - 1)->textContent, 'the last day is always labelled');
        self::assertSame(0, $xpath->query('//s:text[contains(@class, "bandeau-chart-point")]')->length);
    }

    public function testBarChartUsesTheCampaignChartGeometry(): void
    {
        $svg = (new BarChart(new Svg(new Escaper()), new ResultsChart()))->render(
            'bars',
            [['sales', 200, '200'], ['sales', 100, '100'], [str_repeat('x', 40), 0, '0']],
            'Bars',
            'desc'
        );
        $xpath = $this->parse($svg);
        $this->assertAccessible($xpath, 'Bars');
        $rects = $xpath->query('//s:rect');
        self::assertSame(3, $rects->length, 'equal labels keep their own bar');
        $room = ResultsChart::WIDTH - ResultsChart::LABEL_WIDTH - 60;
        self::assertSame((string)$room, $rects->item(0)->getAttribute('width'));
        self::assertSame((string)($room / 2), $rects->item(1)->getAttribute('width'));
        self::assertSame('1', $rects->item(2)->getAttribute('width'), 'a zero still shows a hairline');
        $label = $xpath->query('//s:text[@class="bandeau-chart-label"]')->item(2)->textContent;
        self::assertSame(BarChart::LABEL_CHARS, mb_strlen($label));
        self::assertSame(str_repeat('x', 40) . ': 0', $xpath->query('//s:g/s:title')->item(2)->textContent);
    }

    public function testSvgIdIsReducedToSafeCharacters(): void
    {
        $svg = (new Svg(new Escaper()))->document('a" onload="x', 10, 10, 't', 'd', '', 'c');
        self::assertStringContainsString('aria-labelledby="aonloadx-title aonloadx-desc"', $svg);
    }
}
