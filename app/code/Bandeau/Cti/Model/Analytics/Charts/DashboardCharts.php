<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics\Charts;

use Bandeau\Cti\Model\Analytics\DashboardTables;

/**
 * The dashboard's charts from its figures, with their translated titles and descriptions (what a
 * screen reader says): heat map, calls per day, and bars for routes, queues and agents.
 */
class DashboardCharts
{
    /** Bars drawn at most; the table beside the chart has every row. */
    public const MAX_BARS = 10;

    /**
     * @param HeatMap $heatMap
     * @param LineChart $lineChart
     * @param BarChart $barChart
     * @param DashboardTables $tables
     */
    public function __construct(
        private HeatMap $heatMap,
        private LineChart $lineChart,
        private BarChart $barChart,
        private DashboardTables $tables
    ) {
    }

    /**
     * Calls per day of week and hour.
     *
     * @param array<string, mixed> $figures
     * @return string SVG
     */
    public function heatmap(array $figures): string
    {
        $busiest = null;
        foreach ($figures['heatmap'] as $cell) {
            if ($cell[2] > 0 && ($busiest === null || $cell[2] > $busiest[2])) {
                $busiest = $cell;
            }
        }
        $desc = $busiest === null
            ? (string)__('No calls in this period.')
            : (string)__(
                'Busiest hour: %1 %2, %3.',
                $this->tables->dayName($busiest[0]),
                $this->tables->hourLabel($busiest[1]),
                $this->tables->calls($busiest[2])
            ) . ' ' . __('Each cell shows the number of calls; a corner mark shows hours with missed calls.')
            . ' ' . __('The table next to the chart lists every hour with calls.');
        $days = [];
        for ($dow = 1; $dow <= 7; $dow++) {
            $days[$dow] = $this->tables->shortDayName($dow);
        }
        return $this->heatMap->render(
            'bandeau-chart-heatmap',
            $figures['heatmap'],
            $days,
            (string)__('Calls per hour of day and day of week'),
            $desc,
            fn (int $dow, int $hour, int $calls, int $missed): string => (string)__(
                '%1 %2: %3; missed or abandoned: %4',
                $this->tables->dayName($dow),
                $this->tables->hourLabel($hour),
                $this->tables->calls($calls),
                $this->tables->count($missed)
            )
        );
    }

    /**
     * Calls and missed or abandoned calls per day.
     *
     * @param array<string, mixed> $figures
     * @return string SVG
     */
    public function daily(array $figures): string
    {
        $labels = $calls = $missed = [];
        $peak = null;
        foreach ($figures['daily'] as [$date, $dayCalls, , $dayMissed, $dayAbandoned]) {
            $labels[] = substr($date, 5);
            $calls[] = $dayCalls;
            $missed[] = $dayMissed + $dayAbandoned;
            if ($dayCalls > 0 && ($peak === null || $dayCalls > $peak[1])) {
                $peak = [$date, $dayCalls];
            }
        }
        $total = array_sum($calls);
        $desc = $peak === null
            ? (string)__('No calls in this period.')
            : (string)__(
                '%1 from %2 to %3 (missed or abandoned: %4); the busiest day was %5 with %6.',
                $this->tables->calls($total),
                $figures['filter']['from'],
                $figures['filter']['to'],
                $this->tables->count(array_sum($missed)),
                $peak[0],
                $this->tables->calls($peak[1])
            );
        return $this->lineChart->render(
            'bandeau-chart-daily',
            $labels,
            [
                ['label' => (string)__('Calls'), 'values' => $calls],
                ['label' => (string)__('Missed or abandoned'), 'values' => $missed],
            ],
            (string)__('Calls per day'),
            $desc
        );
    }

    /**
     * Bars of a route, queue or agent block: calls per route or queue, calls handled per agent.
     *
     * @param string $block byRoute, byQueue or byAgent
     * @param array<string, mixed> $figures
     * @return string SVG
     */
    public function bars(string $block, array $figures): string
    {
        $bars = [];
        foreach (array_slice($figures[$block], 0, self::MAX_BARS) as $row) {
            if ($block === 'byAgent') {
                $bars[] = [$row[1], $row[4], $this->tables->count($row[4]), $this->tables->calls($row[4])];
            } else {
                $none = $block === 'byRoute' ? __('(no route)') : __('(no queue)');
                $bars[] = [
                    $row[0] !== '' ? $row[0] : (string)$none, $row[1], $this->tables->count($row[1]),
                    $this->tables->calls($row[1]),
                ];
            }
        }
        $titles = [
            'byRoute' => __('Calls per route'),
            'byQueue' => __('Calls per queue'),
            'byAgent' => __('Calls handled per agent'),
        ];
        $rows = count($figures[$block]);
        if ($bars === []) {
            $desc = (string)__('No calls in this period.');
        } elseif ($rows === 1) {
            $desc = (string)__('One row: %1 with %2.', $bars[0][0], $bars[0][3]);
        } else {
            $desc = (string)__('%1 rows, the largest first: %2 with %3.', $rows, $bars[0][0], $bars[0][3]);
        }
        $desc .= ' ' . __('The table next to the chart has every figure.');
        $bars = array_map(static fn (array $bar): array => array_slice($bar, 0, 3), $bars);
        return $this->barChart->render(
            'bandeau-chart-' . $block,
            $bars,
            (string)($titles[$block] ?? $block),
            $desc
        );
    }
}
