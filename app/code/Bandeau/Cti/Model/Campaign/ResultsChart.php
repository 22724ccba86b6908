<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * Geometry of a horizontal bar chart drawn as inline SVG by the results template: one bar per
 * figure, widths proportional to the largest value.
 */
class ResultsChart
{
    public const WIDTH = 640;
    public const LABEL_WIDTH = 180;
    public const ROW_HEIGHT = 28;
    public const BAR_HEIGHT = 18;

    /**
     * The geometry of a horizontal bar chart (inline SVG) of the series.
     *
     * @param array<string,int|float> $series label => value (values below 0 count as 0)
     * @return array{width: int, height: int, bars: array<int, array{label: string, value: int|float,
     *     x: int, y: int, width: int, height: int, textY: int, valueX: int}>}
     */
    public function bars(array $series): array
    {
        $max = 0;
        foreach ($series as $value) {
            $max = max($max, $value);
        }
        $room = self::WIDTH - self::LABEL_WIDTH - 60;
        $bars = [];
        $row = 0;
        foreach ($series as $label => $value) {
            $value = max(0, $value);
            $width = $max > 0 ? (int)round($room * $value / $max) : 0;
            $y = $row * self::ROW_HEIGHT + 5;
            $bars[] = [
                'label' => (string)$label,
                'value' => $value,
                'x' => self::LABEL_WIDTH,
                'y' => $y,
                'width' => $width,
                'height' => self::BAR_HEIGHT,
                'textY' => $y + 14,
                'valueX' => self::LABEL_WIDTH + $width + 6,
            ];
            $row++;
        }
        return ['width' => self::WIDTH, 'height' => max(1, $row) * self::ROW_HEIGHT + 10, 'bars' => $bars];
    }
}
