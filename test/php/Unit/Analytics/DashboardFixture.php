<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Analytics;

use Bandeau\Cti\Api\CallStatsInterface;
use Bandeau\Cti\Model\Analytics\AnalyticsState;
use Bandeau\Cti\Model\Analytics\Charts\BarChart;
use Bandeau\Cti\Model\Analytics\Charts\DashboardCharts;
use Bandeau\Cti\Model\Analytics\Charts\HeatMap;
use Bandeau\Cti\Model\Analytics\Charts\LineChart;
use Bandeau\Cti\Model\Analytics\Charts\Svg;
use Bandeau\Cti\Model\Analytics\DashboardTables;
use Bandeau\Cti\Model\Analytics\Figures;
use Bandeau\Cti\Model\Analytics\FilterReader;
use Bandeau\Cti\Model\Analytics\ReportingZone;
use Bandeau\Cti\Model\Analytics\StatsFilter;
use Bandeau\Cti\Model\Campaign\FormOptions;
use Bandeau\Cti\Model\Campaign\ResultsChart;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\ViewModel\CallAnalytics;
use Magento\Backend\Block\Template;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\Escaper;

/**
 * Dashboard figures as CallStatsInterface returns them, made of plausible generated sums (seeded, so
 * always the same) with hostile names, and the dashboard's objects built around them without a
 * database: for the render, chart, CSV and screenshot tests.
 */
final class DashboardFixture
{
    /** Tuesday 14 November 2023, 22:13:20 UTC. */
    public const NOW = 1700000000;
    public const HOSTILE = '<script>alert("x")</script> & Co';

    /**
     * Figures for a filter, generated from a seed: busier weekdays 9–18 h, a few routes, queues and agents.
     *
     * @param StatsFilter $filter
     * @param int $seed
     * @return array<string, mixed>
     */
    public static function figures(StatsFilter $filter, int $seed = 16): array
    {
        mt_srand($seed);
        $f = new Figures();
        $hours = [];
        $days = [];
        foreach ($filter->dates() as $date) {
            $dow = (int)(new \DateTimeImmutable($date))->format('N');
            $day = ['local_date' => $date] + array_fill_keys(Figures::SUMS, 0);
            for ($hour = 7; $hour < 21; $hour++) {
                $base = ($dow <= 5 ? 6 : 2) * (($hour >= 9 && $hour < 18) ? 3 : 1);
                $calls = mt_rand(0, $base);
                $missed = mt_rand(0, (int)($calls / 4));
                $abandoned = mt_rand(0, (int)($calls / 6));
                $answered = $calls - $missed - $abandoned;
                $hours[] = ['dow' => $dow, 'hour' => $hour, 'calls' => $calls, 'missed' => $missed + $abandoned];
                $sums = ['calls' => $calls, 'answered' => $answered, 'missed' => $missed,
                    'abandoned' => $abandoned, 'ring_s' => $answered * 9, 'talk_s' => $answered * 170];
                foreach ($sums as $k => $v) {
                    $day[$k] += $v;
                }
            }
            $days[] = $day;
        }
        $totals = array_fill_keys(Figures::SUMS, 0);
        foreach ($days as $day) {
            foreach (Figures::SUMS as $k) {
                $totals[$k] += $day[$k];
            }
        }
        $totals['other'] = 3;
        $split = static function (array $totals, array $shares): array {
            $rows = [];
            foreach ($shares as $key => $share) {
                $row = ['k' => $key];
                foreach (Figures::SUMS as $k) {
                    $row[$k] = (int)round($totals[$k] * $share);
                }
                $rows[] = $row;
            }
            return $rows;
        };
        $heatmap = $f->heatmap($hours);
        return $f->assemble($filter, [
            'totals' => $f->totals($totals),
            'heatmap' => $heatmap,
            'daily' => $f->daily($filter, $days),
            'byRoute' => $f->groups($split($totals, ['sales' => 0.5, 'support' => 0.3, 'vip' => 0.05,
                '' => 0.15])),
            'byQueue' => $f->groups($split($totals, ['ventes' => 0.55, 'sav' => 0.3, self::HOSTILE => 0.15])),
            'byAgent' => $f->agents([
                ['agent_user_id' => 3, 'calls' => 120, 'answered' => 118, 'transfers_in' => 4, 'talk_s' => 21000],
                ['agent_user_id' => 4, 'calls' => 95, 'answered' => 90, 'transfers_in' => 11, 'talk_s' => 16400],
                ['agent_user_id' => 7, 'calls' => 40, 'answered' => 38, 'transfers_in' => 0, 'talk_s' => 5100],
            ], [3 => 'Ann Martin', 4 => self::HOSTILE, 7 => 'Chloé Durand']),
            'missedHours' => $f->missedHours($heatmap),
            'sales' => $f->sales(
                7,
                ['orders' => 23, 'revenue' => '4210.5500'],
                [
                    'agent' => [['k' => 3, 'orders' => 12, 'revenue' => '2300.1000'],
                        ['k' => 4, 'orders' => 8, 'revenue' => '1410.4500'], ['k' => 0, 'orders' => 3,
                            'revenue' => '500.0000']],
                    'route' => [['k' => 'sales', 'orders' => 15, 'revenue' => '3000.0000'],
                        ['k' => '', 'orders' => 8, 'revenue' => '1210.5500']],
                    'campaign' => [['k' => 2, 'orders' => 5, 'revenue' => '820.0000'],
                        ['k' => 0, 'orders' => 18, 'revenue' => '3390.5500']],
                ],
                [3 => 'Ann Martin', 4 => self::HOSTILE],
                [2 => 'Carts > 50 €']
            ),
            'campaigns' => $f->campaigns([
                ['campaign_id' => 2, 'name' => 'Carts > 50 €', 'called' => 140, 'called_converted' => 21,
                    'holdout' => 60, 'holdout_converted' => 4],
                ['campaign_id' => 5, 'name' => self::HOSTILE, 'called' => 0, 'called_converted' => 0,
                    'holdout' => 0, 'holdout_converted' => 0],
            ]),
            'unknownCallers' => $f->unknownCallers([
                ['number' => '+33612345678', 'calls' => 9, 'missed' => 2, 'last_call_at' => '2023-11-14 16:02:11'],
                ['number' => '+33798765432', 'calls' => 4, 'missed' => 4, 'last_call_at' => '2023-11-13 09:40:00'],
                ['number' => '=HYPERLINK("x")', 'calls' => 1, 'missed' => 0, 'last_call_at' => '2023-11-02 10:00:00'],
            ]),
        ]);
    }

    /**
     * A CallStatsInterface answering figures() from the fixture, remembering the last filter.
     *
     * @return CallStatsInterface&object{last: ?StatsFilter}
     */
    public static function stats(): CallStatsInterface
    {
        return new class implements CallStatsInterface {
            public ?StatsFilter $last = null;

            public function figures(StatsFilter $filter): array
            {
                $this->last = $filter;
                return DashboardFixture::figures($filter);
            }
        };
    }

    public static function filterReader(string $zone = 'Europe/Paris'): FilterReader
    {
        return new FilterReader(
            new FixedClock(self::NOW),
            new ReportingZone(new ArrayScopeConfig([ReportingZone::XML_PATH_TIMEZONE => $zone]))
        );
    }

    public static function charts(): DashboardCharts
    {
        $svg = new Svg(new Escaper());
        return new DashboardCharts(
            new HeatMap($svg),
            new LineChart($svg),
            new BarChart($svg, new ResultsChart()),
            new DashboardTables()
        );
    }

    /**
     * The view model on a request with $params, stores and agents given without a database.
     *
     * @param array<string, string> $params
     * @param CallStatsInterface|null $stats
     * @param AnalyticsState|null $state
     * @return CallAnalytics
     */
    public static function viewModel(
        array $params = [],
        ?CallStatsInterface $stats = null,
        ?AnalyticsState $state = null
    ): CallAnalytics {
        $options = new class extends FormOptions {
            public function __construct()
            {
            }

            public function stores(): array
            {
                return [1 => 'Default Store View', 2 => 'Boutique FR'];
            }

            public function agents(): array
            {
                return [3 => 'Ann Martin (1001)', 4 => DashboardFixture::HOSTILE . ' (1002)'];
            }
        };
        return new CallAnalytics(
            new Request($params),
            self::filterReader(),
            $stats ?? self::stats(),
            new DashboardTables(),
            self::charts(),
            $options,
            new ReportingZone(new ArrayScopeConfig([ReportingZone::XML_PATH_TIMEZONE => 'Europe/Paris'])),
            new FakeBackendUrl(),
            $state
        );
    }

    /**
     * The dashboard template rendered with a view model.
     *
     * @param CallAnalytics $viewModel
     * @return string HTML
     */
    public static function render(CallAnalytics $viewModel): string
    {
        $block = new Template(['view_model' => $viewModel]);
        $escaper = new Escaper();
        $file = dirname(__DIR__, 4) . '/app/code/Bandeau/Cti/view/adminhtml/templates/analytics/dashboard.phtml';
        return (static function (string $file) use ($block, $escaper): string {
            ob_start();
            include $file;
            return (string)ob_get_clean();
        })($file);
    }
}
