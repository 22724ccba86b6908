<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

/**
 * The table of each dashboard block, as the page shows it and the CSV export writes it: translated
 * column headers, then rows of cells holding the text shown and, for figures, the raw number.
 *
 * The page and the export both read these tables, so the CSV is exactly what the block shows.
 */
class DashboardTables
{
    /** Blocks with a table (and a CSV export), in page order. */
    public const BLOCKS = ['heatmap', 'daily', 'missedHours', 'byRoute', 'byQueue', 'byAgent', 'sales', 'campaigns',
        'unknownCallers'];
    public const NONE = '—';

    /**
     * The table of a block.
     *
     * @param string $block one of BLOCKS
     * @param array<string, mixed> $figures CallStatsInterface::figures()
     * @return array{columns: string[], rows: array<int, array<int, array{text: string, value: int|float|null}>>}
     * @throws \InvalidArgumentException for an unknown block
     */
    public function table(string $block, array $figures): array
    {
        switch ($block) {
            case 'heatmap':
                return $this->heatmap($figures['heatmap']);
            case 'daily':
                return [
                    'columns' => [(string)__('Date'), (string)__('Calls'), (string)__('Answered'), (string)__('Missed'),
                        (string)__('Abandoned')],
                    'rows' => array_map(
                        fn (array $day): array => [
                            $this->text($day[0]), $this->int($day[1]), $this->int($day[2]), $this->int($day[3]),
                            $this->int($day[4]),
                        ],
                        $figures['daily']
                    ),
                ];
            case 'missedHours':
                return [
                    'columns' => [(string)__('Day'), (string)__('Hour'), (string)__('Missed or abandoned'),
                        (string)__('Calls')],
                    'rows' => array_map(
                        fn (array $cell): array => [
                            $this->text($this->dayName($cell[0])), $this->text($this->hourLabel($cell[1])),
                            $this->int($cell[2]), $this->int($cell[3]),
                        ],
                        $figures['missedHours']
                    ),
                ];
            case 'byRoute':
                return $this->groups((string)__('Route'), (string)__('(no route)'), $figures['byRoute']);
            case 'byQueue':
                return $this->groups((string)__('Queue'), (string)__('(no queue)'), $figures['byQueue']);
            case 'byAgent':
                return $this->agents($figures['byAgent']);
            case 'sales':
                return $this->sales($figures['sales']);
            case 'campaigns':
                return $this->campaigns($figures['campaigns']);
            case 'unknownCallers':
                return [
                    'columns' => [(string)__('Number'), (string)__('Calls'), (string)__('Missed or abandoned'),
                        (string)__('Last call (UTC)')],
                    'rows' => array_map(
                        fn (array $caller): array => [
                            $this->text($caller[0]), $this->int($caller[1]), $this->int($caller[2]),
                            $this->text($caller[3]),
                        ],
                        $figures['unknownCallers']
                    ),
                ];
        }
        throw new \InvalidArgumentException('Unknown analytics block.');
    }

    /**
     * The translated name of an ISO day of week (1 = Monday).
     *
     * @param int $dow
     * @return string
     */
    public function dayName(int $dow): string
    {
        $names = [
            1 => __('Monday'), 2 => __('Tuesday'), 3 => __('Wednesday'), 4 => __('Thursday'),
            5 => __('Friday'), 6 => __('Saturday'), 7 => __('Sunday'),
        ];
        return (string)($names[$dow] ?? $dow);
    }

    /**
     * The short translated name of an ISO day of week, for the heat map's rows.
     *
     * @param int $dow
     * @return string
     */
    public function shortDayName(int $dow): string
    {
        $names = [
            1 => __('Mon'), 2 => __('Tue'), 3 => __('Wed'), 4 => __('Thu'), 5 => __('Fri'), 6 => __('Sat'),
            7 => __('Sun'),
        ];
        return (string)($names[$dow] ?? $dow);
    }

    /**
     * An hour of day as the span it covers, "09:00–10:00".
     *
     * @param int $hour
     * @return string
     */
    public function hourLabel(int $hour): string
    {
        return sprintf('%02d:00–%02d:00', $hour, ($hour + 1) % 24);
    }

    /**
     * A rate 0..1 as a percentage with one decimal, "40.0 %".
     *
     * @param float $rate
     * @return string
     */
    public function percent(float $rate): string
    {
        return sprintf('%.1f %%', 100 * $rate);
    }

    /**
     * Seconds as "m:ss", or "h:mm:ss" from an hour.
     *
     * @param int|float $seconds
     * @return string
     */
    public function duration(int|float $seconds): string
    {
        $total = (int)round($seconds);
        $hours = intdiv($total, 3600);
        $minutes = intdiv($total % 3600, 60);
        $rest = $total % 60;
        return $hours > 0 ? sprintf('%d:%02d:%02d', $hours, $minutes, $rest) : sprintf('%d:%02d', $minutes, $rest);
    }

    /**
     * An amount with two decimals and thin grouping, in the base currency.
     *
     * @param float $amount
     * @return string
     */
    public function money(float $amount): string
    {
        return number_format($amount, 2, '.', ' ');
    }

    /**
     * A count with grouping.
     *
     * @param int $count
     * @return string
     */
    public function count(int $count): string
    {
        return number_format($count, 0, '.', ' ');
    }

    /**
     * A number of calls in words, "1 call", "1 506 calls": Magento's __() has no plural forms, so each
     * form is its own phrase.
     *
     * @param int $count
     * @return string
     */
    public function calls(int $count): string
    {
        return (string)($count === 1 ? __('%1 call', $this->count($count)) : __('%1 calls', $this->count($count)));
    }

    /**
     * A number of orders in words, "1 order", "12 orders".
     *
     * @param int $count
     * @return string
     */
    public function orders(int $count): string
    {
        return (string)($count === 1 ? __('%1 order', $this->count($count)) : __('%1 orders', $this->count($count)));
    }

    /**
     * The heat map as a list of the hours that had calls: day, hour, calls, missed or abandoned.
     *
     * @param array<int, array{0: int, 1: int, 2: int, 3: int}> $heatmap
     * @return array{columns: string[], rows: array<int, array<int, array{text: string, value: int|float|null}>>}
     */
    private function heatmap(array $heatmap): array
    {
        $rows = [];
        foreach ($heatmap as [$dow, $hour, $calls, $missed]) {
            if ($calls > 0 || $missed > 0) {
                $rows[] = [
                    $this->text($this->dayName($dow)), $this->text($this->hourLabel($hour)), $this->int($calls),
                    $this->int($missed),
                ];
            }
        }
        return [
            'columns' => [
                (string)__('Day'), (string)__('Hour'), (string)__('Calls'), (string)__('Missed or abandoned'),
            ],
            'rows' => $rows,
        ];
    }

    /**
     * Route or queue rows.
     *
     * @param string $keyHeader
     * @param string $none label of the empty key
     * @param array<int, array> $groups
     * @return array{columns: string[], rows: array<int, array<int, array{text: string, value: int|float|null}>>}
     */
    private function groups(string $keyHeader, string $none, array $groups): array
    {
        return [
            'columns' => [$keyHeader, (string)__('Calls'), (string)__('Answered'), (string)__('Missed'),
                (string)__('Abandoned'), (string)__('Answer rate'), (string)__('Average ring time'),
                (string)__('Average talk time')],
            'rows' => array_map(
                fn (array $g): array => [
                    $this->text($g[0] !== '' ? $g[0] : $none), $this->int($g[1]), $this->int($g[2]),
                    $this->int($g[3]), $this->int($g[4]), $this->rate($g[5]), $this->seconds($g[6]),
                    $this->seconds($g[7]),
                ],
                $groups
            ),
        ];
    }

    /**
     * Agent rows; "missed" is not recorded per agent and shows as a dash.
     *
     * @param array<int, array> $agents
     * @return array{columns: string[], rows: array<int, array<int, array{text: string, value: int|float|null}>>}
     */
    private function agents(array $agents): array
    {
        return [
            'columns' => [(string)__('Agent'), (string)__('Answered'), (string)__('Transfers in'),
                (string)__('Handled'),
                (string)__('Missed'), (string)__('Talk time'), (string)__('Average talk time')],
            'rows' => array_map(
                fn (array $a): array => [
                    $this->text($a[1]), $this->int($a[2]), $this->int($a[3]), $this->int($a[4]),
                    $this->text(self::NONE), $this->seconds($a[6]), $this->seconds($a[7]),
                ],
                $agents
            ),
        ];
    }

    /**
     * Orders sold by calls, by agent, then by route, then by campaign.
     *
     * @param array<string, mixed> $sales
     * @return array{columns: string[], rows: array<int, array<int, array{text: string, value: int|float|null}>>}
     */
    private function sales(array $sales): array
    {
        $rows = [];
        foreach ($sales['byAgent'] as [, $name, $orders, $revenue]) {
            $name = $name !== '' ? $name : (string)__('(no agent)');
            $rows[] = $this->saleRow((string)__('Agent'), $name, $orders, $revenue);
        }
        foreach ($sales['byRoute'] as [$route, $orders, $revenue]) {
            $route = $route !== '' ? $route : (string)__('(no route)');
            $rows[] = $this->saleRow((string)__('Route'), $route, $orders, $revenue);
        }
        foreach ($sales['byCampaign'] as [, $name, $orders, $revenue]) {
            $rows[] = $this->saleRow((string)__('Campaign'), $name, $orders, $revenue);
        }
        return [
            'columns' => [(string)__('By'), (string)__('Name'), (string)__('Orders'), (string)__('Revenue')],
            'rows' => $rows,
        ];
    }

    /**
     * One row of the sales table.
     *
     * @param string $by
     * @param string $name
     * @param int $orders
     * @param float $revenue
     * @return array<int, array{text: string, value: int|float|null}>
     */
    private function saleRow(string $by, string $name, int $orders, float $revenue): array
    {
        return [$this->text($by), $this->text($name), $this->int($orders), ['text' => $this->money($revenue),
            'value' => $revenue]];
    }

    /**
     * Campaign rows: called against hold-out contacts.
     *
     * @param array<int, array> $campaigns
     * @return array{columns: string[], rows: array<int, array<int, array{text: string, value: int|float|null}>>}
     */
    private function campaigns(array $campaigns): array
    {
        return [
            'columns' => [(string)__('Campaign'), (string)__('Called'), (string)__('Called and ordered'),
                (string)__('Conversion (called)'), (string)__('Hold-out (not called)'),
                (string)__('Hold-out and ordered'),
                (string)__('Conversion (hold-out)')],
            'rows' => array_map(
                fn (array $c): array => [
                    $this->text($c[1]), $this->int($c[2]), $this->int($c[3]), $this->rate($c[4]), $this->int($c[5]),
                    $this->int($c[6]), $this->rate($c[7]),
                ],
                $campaigns
            ),
        ];
    }

    /**
     * A text cell (no number).
     *
     * @param string $text
     * @return array{text: string, value: null}
     */
    private function text(string $text): array
    {
        return ['text' => $text, 'value' => null];
    }

    /**
     * A count cell.
     *
     * @param int $value
     * @return array{text: string, value: int}
     */
    private function int(int $value): array
    {
        return ['text' => $this->count($value), 'value' => $value];
    }

    /**
     * A rate cell: shown as a percentage, the value stays 0..1.
     *
     * @param float $rate
     * @return array{text: string, value: float}
     */
    private function rate(float $rate): array
    {
        return ['text' => $this->percent($rate), 'value' => $rate];
    }

    /**
     * A duration cell: shown as m:ss, the value stays seconds.
     *
     * @param int|float $seconds
     * @return array{text: string, value: int|float}
     */
    private function seconds(int|float $seconds): array
    {
        return ['text' => $this->duration($seconds), 'value' => $seconds];
    }
}
