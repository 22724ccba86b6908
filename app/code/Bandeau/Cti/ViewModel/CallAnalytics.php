<?php

declare(strict_types=1);

namespace Bandeau\Cti\ViewModel;

use Bandeau\Cti\Api\CallStatsInterface;
use Bandeau\Cti\Model\Analytics\AnalyticsState;
use Bandeau\Cti\Model\Analytics\Charts\DashboardCharts;
use Bandeau\Cti\Model\Analytics\DashboardTables;
use Bandeau\Cti\Model\Analytics\FilterReader;
use Bandeau\Cti\Model\Analytics\ReportingZone;
use Bandeau\Cti\Model\Analytics\StatsFilter;
use Bandeau\Cti\Model\Campaign\FormOptions;
use Magento\Framework\App\RequestInterface;
use Magento\Framework\UrlInterface;
use Magento\Framework\View\Element\Block\ArgumentInterface;

/**
 * The Reports › Calls dashboard (templates/analytics/dashboard.phtml): the filter form, the totals,
 * each block's chart (server-side SVG) and table, and the CSV export links.
 */
class CallAnalytics implements ArgumentInterface
{
    public const ROUTE = 'bandeau/analytics/index';
    public const EXPORT_ROUTE = 'bandeau/analytics/export';

    /**
     * @var StatsFilter|null read once per page
     */
    private ?StatsFilter $filter = null;

    /**
     * @var array|null computed once per page
     */
    private ?array $figures = null;

    /**
     * @param RequestInterface $request
     * @param FilterReader $filterReader
     * @param CallStatsInterface $stats
     * @param DashboardTables $tables
     * @param DashboardCharts $charts
     * @param FormOptions $options
     * @param ReportingZone $reportingZone
     * @param UrlInterface $url
     * @param AnalyticsState|null $state where the aggregates stand (etc/adminhtml/di.xml gives it)
     */
    public function __construct(
        private RequestInterface $request,
        private FilterReader $filterReader,
        private CallStatsInterface $stats,
        private DashboardTables $tables,
        private DashboardCharts $charts,
        private FormOptions $options,
        private ReportingZone $reportingZone,
        private UrlInterface $url,
        private ?AnalyticsState $state = null
    ) {
    }

    /**
     * The filter of the page.
     *
     * @return StatsFilter
     */
    public function getFilter(): StatsFilter
    {
        return $this->filter ??= $this->filterReader->read($this->request);
    }

    /**
     * The figures of the page (read once).
     *
     * @return array<string, mixed>
     */
    public function getFigures(): array
    {
        return $this->figures ??= $this->stats->figures($this->getFilter());
    }

    /**
     * What the filter form asked for that could not be used, in words.
     *
     * @return string[]
     */
    public function getNotices(): array
    {
        $messages = [
            StatsFilter::CORRECTED_FROM => __('The start date was not a date (YYYY-MM-DD); the default is used.'),
            StatsFilter::CORRECTED_TO => __('The end date was not a date (YYYY-MM-DD); today is used.'),
            StatsFilter::CORRECTED_ORDER => __('The start date was after the end date; they were swapped.'),
            StatsFilter::CORRECTED_RANGE => __('The range was shortened to the last %1 days.', StatsFilter::MAX_DAYS),
            StatsFilter::CORRECTED_STORE => __('Unknown store; all stores are shown.'),
            StatsFilter::CORRECTED_DIRECTION => __('Unknown direction; all directions are shown.'),
            StatsFilter::CORRECTED_AGENT => __('Unknown agent; all agents are shown.'),
        ];
        $notices = [];
        foreach ($this->getFilter()->corrections as $code) {
            $notices[] = (string)($messages[$code] ?? $code);
        }
        return $notices;
    }

    /**
     * A warning when the aggregates were last rebuilt in another time zone than today's reporting zone
     * (their dates and hours are then the old zone's until bin/magento bandeau:analytics:rebuild).
     *
     * @return string|null
     */
    public function getStaleZoneNotice(): ?string
    {
        $builtIn = (string)($this->state?->load()['timezone'] ?? '');
        $zone = $this->getZoneName();
        if ($builtIn === '' || $builtIn === $zone) {
            return null;
        }
        return __('These figures were built in the %1 time zone; the reporting time zone is now %2.', $builtIn, $zone)
            . ' ' . __('Run bin/magento bandeau:analytics:rebuild.');
    }

    /**
     * The headline figures: key (data-total), label, text shown, raw value.
     *
     * @return array<int, array{key: string, label: string, text: string, value: int|float}>
     */
    public function getTotals(): array
    {
        $totals = $this->getFigures()['totals'];
        $tiles = [
            ['calls', __('Calls'), $this->tables->count($totals['calls'])],
            ['answered', __('Answered'), $this->tables->count($totals['answered'])],
            ['answerRate', __('Answer rate'), $this->tables->percent($totals['answerRate'])],
            ['missed', __('Missed'), $this->tables->count($totals['missed'])],
            ['missedRate', __('Missed rate'), $this->tables->percent($totals['missedRate'])],
            ['abandoned', __('Abandoned'), $this->tables->count($totals['abandoned'])],
            ['abandonedRate', __('Abandoned rate'), $this->tables->percent($totals['abandonedRate'])],
            ['other', __('Busy, failed or voicemail'), $this->tables->count($totals['other'])],
            ['avgRingS', __('Average ring time'), $this->tables->duration($totals['avgRingS'])],
            ['avgTalkS', __('Average talk time'), $this->tables->duration($totals['avgTalkS'])],
        ];
        return array_map(
            static fn (array $tile): array => [
                'key' => $tile[0],
                'label' => (string)$tile[1],
                'text' => $tile[2],
                'value' => $totals[$tile[0]],
            ],
            $tiles
        );
    }

    /**
     * The "calls that sold" headline: window, orders, revenue (text and raw value).
     *
     * @return array{windowDays: int, orders: int, ordersText: string, revenue: float, revenueText: string}
     *     ordersText: "1 order", "12 orders"
     */
    public function getSalesSummary(): array
    {
        $sales = $this->getFigures()['sales'];
        return [
            'windowDays' => $sales['windowDays'],
            'orders' => $sales['orders'],
            'ordersText' => $this->tables->orders($sales['orders']),
            'revenue' => $sales['revenue'],
            'revenueText' => $this->tables->money($sales['revenue']),
        ];
    }

    /**
     * The table of a block (DashboardTables::table()).
     *
     * @param string $block
     * @return array{columns: string[], rows: array<int, array<int, array{text: string, value: int|float|null}>>}
     */
    public function getTable(string $block): array
    {
        return $this->tables->table($block, $this->getFigures());
    }

    /**
     * The heading of a block.
     *
     * @param string $block
     * @return string
     */
    public function getBlockTitle(string $block): string
    {
        $titles = [
            'heatmap' => __('Calls per hour of day and day of week'),
            'daily' => __('Calls per day'),
            'missedHours' => __('Busiest hours for missed calls (staffing hint)'),
            'byRoute' => __('Calls per route'),
            'byQueue' => __('Calls per queue'),
            'byAgent' => __('Calls per agent'),
            'sales' => __('Calls that sold'),
            'campaigns' => __('Campaigns against their hold-out group'),
            'unknownCallers' => __('Top callers without an account'),
        ];
        return (string)($titles[$block] ?? $block);
    }

    /**
     * The chart of a block, escaped SVG markup; '' for blocks shown as a table only.
     *
     * @param string $block
     * @return string
     */
    public function getChartSvg(string $block): string
    {
        $figures = $this->getFigures();
        switch ($block) {
            case 'heatmap':
                return $this->charts->heatmap($figures);
            case 'daily':
                return $this->charts->daily($figures);
            case 'byRoute':
            case 'byQueue':
            case 'byAgent':
                return $this->charts->bars($block, $figures);
        }
        return '';
    }

    /**
     * The CSV export of a block with the page's filter (admin URL with its secret key).
     *
     * @param string $block
     * @return string
     */
    public function getExportUrl(string $block): string
    {
        return $this->url->getUrl(
            self::EXPORT_ROUTE,
            ['_query' => ['block' => $block] + $this->getFilter()->toParams()]
        );
    }

    /**
     * Where the filter form is sent (GET; the admin secret key is in the path).
     *
     * @return string
     */
    public function getFormAction(): string
    {
        return $this->url->getUrl(self::ROUTE);
    }

    /**
     * The store views to filter by, id => name.
     *
     * @return array<int, string>
     */
    public function getStores(): array
    {
        return $this->options->stores();
    }

    /**
     * The agents to filter by, id => "Name (extension)".
     *
     * @return array<int, string>
     */
    public function getAgents(): array
    {
        return $this->options->agents();
    }

    /**
     * The directions to filter by, value => label.
     *
     * @return array<string, string>
     */
    public function getDirections(): array
    {
        return [
            'inbound' => (string)__('Inbound'),
            'outbound' => (string)__('Outbound'),
            'internal' => (string)__('Internal'),
        ];
    }

    /**
     * The reporting time zone the dates and hours are in.
     *
     * @return string
     */
    public function getZoneName(): string
    {
        return $this->reportingZone->zone()->getName();
    }

    /**
     * A raw figure as a data-value attribute: integers as they are, floats without exponent.
     *
     * @param int|float $value
     * @return string
     */
    public function rawValue(int|float $value): string
    {
        if (is_int($value)) {
            return (string)$value;
        }
        $text = rtrim(rtrim(sprintf('%.4F', $value), '0'), '.');
        return $text === '-0' ? '0' : $text;
    }
}
