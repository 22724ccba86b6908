<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics\Charts;

use Bandeau\Cti\Model\Campaign\ResultsChart;

/**
 * Horizontal bars, one per label, with the value written after each bar. The geometry is the
 * campaign results chart's (ResultsChart); this adds the accessible SVG document around it.
 */
class BarChart
{
    /** Labels longer than this are shortened in the chart (the table and the bar's tooltip keep them). */
    public const LABEL_CHARS = 24;

    /**
     * @param Svg $svg
     * @param ResultsChart $geometry
     */
    public function __construct(private Svg $svg, private ResultsChart $geometry)
    {
    }

    /**
     * The SVG of the chart.
     *
     * @param string $id
     * @param array<int, array{0: string, 1: int|float, 2: string}> $bars [label, value, value as shown]
     * @param string $title
     * @param string $desc
     * @return string
     */
    public function render(string $id, array $bars, string $title, string $desc): string
    {
        $series = [];
        foreach ($bars as $i => $bar) {
            // Keys are made unique so two equal labels keep two bars.
            $series[$i . "\0" . $bar[0]] = $bar[1];
        }
        $chart = $this->geometry->bars($series);
        $body = '';
        foreach (array_values($bars) as $i => [$label, , $shown]) {
            $geometry = $chart['bars'][$i];
            $body .= $this->svg->element('g', [], null, $this->svg->element('title', [], $label . ': ' . $shown)
                . $this->svg->element('text', [
                    'x' => 0,
                    'y' => $geometry['textY'],
                    'class' => 'bandeau-chart-label',
                ], $this->svg->shorten($label, self::LABEL_CHARS))
                . $this->svg->element('rect', [
                    'x' => $geometry['x'],
                    'y' => $geometry['y'],
                    'width' => max(1, $geometry['width']),
                    'height' => $geometry['height'],
                    'class' => 'bandeau-chart-bar',
                ], '')
                . $this->svg->element('text', [
                    'x' => $geometry['valueX'],
                    'y' => $geometry['textY'],
                    'class' => 'bandeau-chart-value',
                ], $shown));
        }
        return $this->svg->document(
            $id,
            $chart['width'],
            $chart['height'],
            $title,
            $desc,
            $body,
            'bandeau-chart bandeau-bars'
        );
    }
}
