<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics\Charts;

/**
 * Series over days as lines with a value axis. Series differ by dash pattern and marker shape, not
 * by colour alone, and a legend names them; with few points each point carries its value.
 */
class LineChart
{
    public const WIDTH = 640;
    public const HEIGHT = 250;
    public const LEFT = 48;
    public const RIGHT = 16;
    public const TOP = 34;
    public const BOTTOM = 34;
    /** At most this many date labels under the axis. */
    public const MAX_LABELS = 8;
    /** Points carry their value up to this many points. */
    public const MAX_VALUE_LABELS = 16;

    private const STYLES = [
        ['dash' => null, 'marker' => 'circle', 'class' => 'bandeau-line-a'],
        ['dash' => '6 4', 'marker' => 'square', 'class' => 'bandeau-line-b'],
        ['dash' => '2 3', 'marker' => 'diamond', 'class' => 'bandeau-line-c'],
    ];

    /**
     * @param Svg $svg
     */
    public function __construct(private Svg $svg)
    {
    }

    /**
     * The SVG of the chart.
     *
     * @param string $id
     * @param string[] $labels one label per point (x axis)
     * @param array<int, array{label: string, values: int[]}> $series at most three
     * @param string $title
     * @param string $desc
     * @return string
     */
    public function render(string $id, array $labels, array $series, string $title, string $desc): string
    {
        $count = count($labels);
        $max = 0;
        foreach ($series as $line) {
            $max = max($max, ...array_map('intval', $line['values'] ?: [0]));
        }
        $top = $this->niceCeiling($max);
        $plotWidth = self::WIDTH - self::LEFT - self::RIGHT;
        $plotHeight = self::HEIGHT - self::TOP - self::BOTTOM;
        $x = static fn (int $i): float => self::LEFT + ($count > 1 ? $plotWidth * $i / ($count - 1) : $plotWidth / 2);
        $y = static fn (int $v): float => self::TOP + $plotHeight * (1 - $v / $top);

        $body = $this->grid($top, $y) . $this->dateLabels($labels, $x);
        foreach (array_slice($series, 0, count(self::STYLES)) as $i => $line) {
            $body .= $this->line($line['values'], self::STYLES[$i], $x, $y, $count <= self::MAX_VALUE_LABELS)
                . $this->legend($i, $line['label']);
        }
        return $this->svg->document(
            $id,
            self::WIDTH,
            self::HEIGHT,
            $title,
            $desc,
            $body,
            'bandeau-chart bandeau-line'
        );
    }

    /**
     * A round value-axis maximum at or above $max (1, 2, 5 × 10^n), 4 at least.
     *
     * @param int $max
     * @return int
     */
    public function niceCeiling(int $max): int
    {
        if ($max <= 4) {
            return 4;
        }
        $power = 10 ** (int)floor(log10($max));
        foreach ([1, 2, 4, 5, 10] as $step) {
            if ($step * $power >= $max) {
                return $step * $power;
            }
        }
        return 10 * $power;
    }

    /**
     * Horizontal grid lines with their values (0, quarter, half, three quarters, top).
     *
     * @param int $top
     * @param callable $y
     * @return string
     */
    private function grid(int $top, callable $y): string
    {
        $out = '';
        for ($i = 0; $i <= 4; $i++) {
            $value = (int)round($top * $i / 4);
            $lineY = $y($value);
            $out .= $this->svg->element('line', [
                'x1' => self::LEFT,
                'x2' => self::WIDTH - self::RIGHT,
                'y1' => $lineY,
                'y2' => $lineY,
                'class' => $i === 0 ? 'bandeau-chart-baseline' : 'bandeau-chart-grid',
            ], '') . $this->svg->element('text', [
                'x' => self::LEFT - 6,
                'y' => $lineY + 4,
                'text-anchor' => 'end',
                'class' => 'bandeau-chart-axis',
            ], (string)$value);
        }
        return $out;
    }

    /**
     * Date labels under the axis, evenly thinned to MAX_LABELS, the last one always shown.
     *
     * @param string[] $labels
     * @param callable $x
     * @return string
     */
    private function dateLabels(array $labels, callable $x): string
    {
        $count = count($labels);
        $step = max(1, (int)ceil($count / self::MAX_LABELS));
        $out = '';
        foreach (array_values($labels) as $i => $label) {
            if ($i % $step !== 0 && $i !== $count - 1) {
                continue;
            }
            if ($i !== $count - 1 && $i % $step === 0 && $count - 1 - $i < $step / 2) {
                continue;
            }
            $out .= $this->svg->element('text', [
                'x' => $x($i),
                'y' => self::HEIGHT - self::BOTTOM + 18,
                'text-anchor' => 'middle',
                'class' => 'bandeau-chart-axis',
            ], $label);
        }
        return $out;
    }

    /**
     * One series: the polyline, a marker per point, and the values when there is room.
     *
     * @param int[] $values
     * @param array{dash: string|null, marker: string, class: string} $style
     * @param callable $x
     * @param callable $y
     * @param bool $withValues
     * @return string
     */
    private function line(array $values, array $style, callable $x, callable $y, bool $withValues): string
    {
        $points = [];
        $markers = '';
        foreach (array_values($values) as $i => $value) {
            $px = $x($i);
            $py = $y((int)$value);
            $points[] = $this->svg->num($px) . ',' . $this->svg->num($py);
            $markers .= $this->marker($style['marker'], $px, $py, $style['class']);
            if ($withValues) {
                $markers .= $this->svg->element('text', [
                    'x' => $px,
                    'y' => $py - 7,
                    'text-anchor' => 'middle',
                    'class' => 'bandeau-chart-point ' . $style['class'],
                ], (string)(int)$value);
            }
        }
        return $this->svg->element('polyline', [
            'points' => implode(' ', $points),
            'fill' => 'none',
            'stroke-dasharray' => $style['dash'],
            'class' => 'bandeau-chart-series ' . $style['class'],
        ], '') . $markers;
    }

    /**
     * A point marker: circle, square or diamond.
     *
     * @param string $shape
     * @param float $x
     * @param float $y
     * @param string $class
     * @return string
     */
    private function marker(string $shape, float $x, float $y, string $class): string
    {
        $class = 'bandeau-chart-marker ' . $class;
        if ($shape === 'circle') {
            return $this->svg->element('circle', ['cx' => $x, 'cy' => $y, 'r' => 3.5, 'class' => $class], '');
        }
        if ($shape === 'square') {
            return $this->svg->element('rect', [
                'x' => $x - 3.5, 'y' => $y - 3.5, 'width' => 7, 'height' => 7, 'class' => $class,
            ], '');
        }
        return $this->svg->element('path', [
            'd' => sprintf('M%s %sl4 4l-4 4l-4 -4z', $this->svg->num($x), $this->svg->num($y - 4)),
            'class' => $class,
        ], '');
    }

    /**
     * The legend entry of series $i: a short line with its marker, then its name.
     *
     * @param int $i
     * @param string $label
     * @return string
     */
    private function legend(int $i, string $label): string
    {
        $style = self::STYLES[$i];
        $x = self::LEFT + $i * 200;
        $y = 14;
        return $this->svg->element('line', [
            'x1' => $x, 'x2' => $x + 28, 'y1' => $y, 'y2' => $y,
            'stroke-dasharray' => $style['dash'],
            'class' => 'bandeau-chart-series ' . $style['class'],
        ], '')
            . $this->marker($style['marker'], $x + 14, $y, $style['class'])
            . $this->svg->element('text', ['x' => $x + 34, 'y' => $y + 4, 'class' => 'bandeau-chart-legend'], $label);
    }
}
