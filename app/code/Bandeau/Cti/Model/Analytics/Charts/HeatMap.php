<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics\Charts;

/**
 * Calls per day of week × hour of day as a 7 × 24 grid: the number of calls written in each cell, the
 * cell darker as it has more calls, and a corner mark on the hours with missed calls, so the chart
 * reads in black and white too.
 */
class HeatMap
{
    public const LEFT = 96;
    public const TOP = 22;
    public const CELL_WIDTH = 34;
    public const CELL_HEIGHT = 30;
    /** Baseline of a cell's text below the cell's top: the 11-12px text centred. */
    private const TEXT_Y = 19;

    private const LIGHT = [0xee, 0xf4, 0xfb];
    private const DARK = [0x0b, 0x4f, 0x8a];

    /**
     * @param Svg $svg
     */
    public function __construct(private Svg $svg)
    {
    }

    /**
     * The SVG of the heat map.
     *
     * @param string $id
     * @param array<int, array{0: int, 1: int, 2: int, 3: int}> $cells [dow 1..7, hour, calls, missed]
     * @param array<int, string> $dayNames dow => name
     * @param string $title
     * @param string $desc
     * @param callable(int, int, int, int): string $cellTitle tooltip of a cell from dow, hour, calls, missed
     * @return string
     */
    public function render(
        string $id,
        array $cells,
        array $dayNames,
        string $title,
        string $desc,
        callable $cellTitle
    ): string {
        $max = max(1, ...array_map(static fn (array $cell): int => $cell[2], $cells ?: [[0, 0, 0, 0]]));
        $body = '';
        for ($hour = 0; $hour < 24; $hour++) {
            $body .= $this->svg->element('text', [
                'x' => self::LEFT + $hour * self::CELL_WIDTH + self::CELL_WIDTH / 2,
                'y' => self::TOP - 7,
                'class' => 'bandeau-chart-axis',
                'text-anchor' => 'middle',
            ], (string)$hour);
        }
        for ($dow = 1; $dow <= 7; $dow++) {
            $body .= $this->svg->element('text', [
                'x' => self::LEFT - 8,
                'y' => self::TOP + ($dow - 1) * self::CELL_HEIGHT + self::TEXT_Y,
                'class' => 'bandeau-chart-axis',
                'text-anchor' => 'end',
            ], $dayNames[$dow] ?? (string)$dow);
        }
        foreach ($cells as [$dow, $hour, $calls, $missed]) {
            $body .= $this->cell((int)$dow, (int)$hour, (int)$calls, (int)$missed, $max, $cellTitle);
        }
        $width = self::LEFT + 24 * self::CELL_WIDTH + 2;
        $height = self::TOP + 7 * self::CELL_HEIGHT + 2;
        return $this->svg->document($id, $width, $height, $title, $desc, $body, 'bandeau-chart bandeau-heatmap');
    }

    /**
     * One hour of one day: shaded rectangle, its number of calls, a corner mark when calls were missed.
     *
     * @param int $dow
     * @param int $hour
     * @param int $calls
     * @param int $missed
     * @param int $max
     * @param callable $cellTitle
     * @return string
     */
    private function cell(int $dow, int $hour, int $calls, int $missed, int $max, callable $cellTitle): string
    {
        $x = self::LEFT + $hour * self::CELL_WIDTH;
        $y = self::TOP + ($dow - 1) * self::CELL_HEIGHT;
        $share = $calls / $max;
        $children = $this->svg->element('title', [], $cellTitle($dow, $hour, $calls, $missed))
            . $this->svg->element('rect', [
                'x' => $x + 1,
                'y' => $y + 1,
                'width' => self::CELL_WIDTH - 2,
                'height' => self::CELL_HEIGHT - 2,
                'fill' => $calls > 0 ? $this->shade($share) : '#ffffff',
                'class' => 'bandeau-heatmap-cell',
            ], '');
        if ($calls > 0) {
            $children .= $this->svg->element('text', [
                'x' => $x + self::CELL_WIDTH / 2,
                'y' => $y + self::TEXT_Y,
                'text-anchor' => 'middle',
                'class' => 'bandeau-heatmap-value' . ($share > 0.55 ? ' bandeau-heatmap-on-dark' : ''),
            ], (string)$calls);
        }
        if ($missed > 0) {
            $right = $x + self::CELL_WIDTH - 1;
            $children .= $this->svg->element('path', [
                'd' => sprintf('M%d %dh-9l9 9z', $right, $y + 1),
                'class' => 'bandeau-heatmap-missed',
            ], '');
        }
        return $this->svg->element('g', [], null, $children);
    }

    /**
     * The fill of a cell with $share (0..1] of the busiest cell's calls.
     *
     * @param float $share
     * @return string
     */
    private function shade(float $share): string
    {
        $share = 0.12 + 0.88 * $share;
        $rgb = [];
        foreach (self::LIGHT as $i => $light) {
            $rgb[] = (int)round($light + (self::DARK[$i] - $light) * $share);
        }
        return vsprintf('#%02x%02x%02x', $rgb);
    }
}
