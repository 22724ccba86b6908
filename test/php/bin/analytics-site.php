<?php

/**
 * A Magento admin stand-in for Reports › Calls (call analytics), for PHP's built-in web server:
 *
 *   BANDEAU_SITE_DB=bandeau_test_site1 php -S 127.0.0.1:PORT test/php/bin/analytics-site.php
 *
 * The module's real dashboard: the Analytics/Index and Export controllers, the CallAnalytics view
 * model, templates/analytics/dashboard.phtml, AggregateStats and the SVG charts, on MariaDB
 * (BANDEAU_TEST_DSN, database BANDEAU_SITE_DB), on the admin kernel of
 * test/php/Support/AdminSite.php. The reporting zone is Europe/Paris and the clock is fixed
 * (AnalyticsSiteData::NOW).
 * /_test/reset writes four weeks of raw calls and orders (AnalyticsSiteData) and builds the
 * aggregates with the module's Rebuilder; /_test/call records one more call through the
 * Aggregator, as the bridge's call record does.
 */

declare(strict_types=1);

use Bandeau\Cti\Controller\Adminhtml\Analytics\Export;
use Bandeau\Cti\Controller\Adminhtml\Analytics\Index;
use Bandeau\Cti\Model\Analytics\AggregateStats;
use Bandeau\Cti\Model\Analytics\Aggregator;
use Bandeau\Cti\Model\Analytics\AnalyticsState;
use Bandeau\Cti\Model\Analytics\CallBucketSql;
use Bandeau\Cti\Model\Analytics\Charts\BarChart;
use Bandeau\Cti\Model\Analytics\Charts\DashboardCharts;
use Bandeau\Cti\Model\Analytics\Charts\HeatMap;
use Bandeau\Cti\Model\Analytics\Charts\LineChart;
use Bandeau\Cti\Model\Analytics\Charts\Svg;
use Bandeau\Cti\Model\Analytics\DashboardTables;
use Bandeau\Cti\Model\Analytics\Figures;
use Bandeau\Cti\Model\Analytics\FilterReader;
use Bandeau\Cti\Model\Analytics\Names;
use Bandeau\Cti\Model\Analytics\Rebuilder;
use Bandeau\Cti\Model\Analytics\ReportingZone;
use Bandeau\Cti\Model\Analytics\Rollups;
use Bandeau\Cti\Model\Analytics\SaleAttribution;
use Bandeau\Cti\Model\Analytics\ZoneOffsets;
use Bandeau\Cti\Model\Campaign\ResultsChart;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Model\Export\CallCsv;
use Bandeau\Cti\Test\Support\AdminSite;
use Bandeau\Cti\Test\Support\AnalyticsSiteData;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\CampaignFixtures;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Bandeau\Cti\ViewModel\CallAnalytics;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Controller\Result\RawFactory;
use Magento\Framework\Escaper;
use Magento\Framework\View\Result\PageFactory;

$root = dirname(__DIR__, 3);
require $root . '/vendor/autoload.php';
date_default_timezone_set('UTC');

$site = new AdminSite($root);
$config = new ArrayScopeConfig([
    ReportingZone::XML_PATH_TIMEZONE => AnalyticsSiteData::ZONE,
    SaleAttribution::XML_PATH_WINDOW_DAYS => '7',
]);
$zone = new ReportingZone($config);
$resource = static fn (): ResourceConnection => new ResourceConnection($site->database());
$sales = static function () use ($resource, $config, $zone): SaleAttribution {
    return new SaleAttribution($resource(), new CallBucketSql($resource()), new ZoneOffsets(), $zone, $config);
};
$filterReader = new FilterReader(new FixedClock(AnalyticsSiteData::NOW), $zone);
$stats = static function () use ($resource, $config, $zone): AggregateStats {
    $figures = new Figures();
    return new AggregateStats($resource(), $config, $zone, $figures, new Names($resource(), $figures));
};
$viewModel = static function (Request $request) use ($site, $resource, $filterReader, $stats, $zone): CallAnalytics {
    $tables = new DashboardTables();
    $svg = new Svg(new Escaper());
    $fx = new CampaignFixtures($site->database());
    return new CallAnalytics(
        $request,
        $filterReader,
        $stats(),
        $tables,
        new DashboardCharts(new HeatMap($svg), new LineChart($svg), new BarChart($svg, new ResultsChart()), $tables),
        $fx->formOptions(),
        $zone,
        $site->url(),
        new AnalyticsState($resource())
    );
};

$site->test('reset', static function () use ($site, $resource, $sales, $zone): void {
    $site->resetSchema();
    $calls = (new AnalyticsSiteData($site->database()))->write();
    $rebuilder = new Rebuilder(
        $resource(),
        new CallBucketSql($resource()),
        new ZoneOffsets(),
        $zone,
        $sales(),
        new AnalyticsState($resource()),
        new Rollups($resource())
    );
    $rebuilt = $rebuilder->rebuild();
    $site->json(['calls' => count($calls), 'rebuilt' => $rebuilt]);
});

$site->test('call', static function (array $query) use ($site, $resource, $sales, $zone): void {
    $callId = (new AnalyticsSiteData($site->database()))->missedCall((string)($query['party'] ?? '+33140000009'));
    $aggregator = new Aggregator(
        $resource(),
        new CallBucketSql($resource()),
        new ZoneOffsets(),
        $zone,
        $sales(),
        new Rollups($resource())
    );
    $site->json(['callId' => $callId, 'hours' => $aggregator->refreshCalls([$callId])]);
});

/* What Magento's admin styles (Magento_Backend styles.css, 2.4.6) do to a table.data-grid: every th, in
   the body too, is a dark header cell; every td has dashed side borders and a hover colour. */
const DATA_GRID_CSS = <<<'CSS'
.data-grid { border: none; font-size: 1.3rem; width: 100%; }
.data-grid th, .data-grid td { font-size: 1.3rem; line-height: 1.36; vertical-align: middle; }
.data-grid td { background-color: #ffffff; border-left: 0.1rem dashed #d6d6d6; border-right: 0.1rem dashed #d6d6d6;
    color: #303030; padding: 1rem 1rem; }
.data-grid td:first-child { border-left-style: solid; }
.data-grid td:last-child { border-right-style: solid; }
.data-grid tr:hover td { background-color: #e5f7fe; }
.data-grid tr:last-child td { border-bottom: 0.1rem solid #d6d6d6; }
.data-grid th { background-color: #514943; border: 0.1rem solid #8a837f; border-left-color: transparent;
    color: #ffffff; font-weight: 600; padding: 0; text-align: left; }
.data-grid th:first-child { border-left-color: #8a837f; }
CSS;

$site->admin('bandeau/analytics/index', static function (Request $request) use ($site, $viewModel): void {
    // The controller makes the page (ACL, menu, title); the layout handle says what it holds.
    $page = (new Index(new Context($request, new StaticAuthorization([Index::ADMIN_RESOURCE])), new PageFactory()))
        ->execute();
    $title = (string)$page->getConfig()->getTitle()->get();
    $content = $site->layout('bandeau_analytics_index', static function (string $class) use ($request, $viewModel) {
        if ($class !== CallAnalytics::class) {
            throw new \RuntimeException('Unexpected view model ' . $class);
        }
        return $viewModel($request);
    });
    $site->html($site->page(
        $title,
        $content,
        '<style>' . DATA_GRID_CSS . '</style>',
        '<header class="page-header" data-active-menu="' . htmlspecialchars((string)$page->getActiveMenu()) . '"><h1>'
            . htmlspecialchars($title) . '</h1></header>'
    ));
});

$site->admin('bandeau/analytics/export', static function (Request $request) use ($site, $filterReader, $stats): void {
    $site->reply(new Export(
        new Context($request, new StaticAuthorization([Export::ADMIN_RESOURCE])),
        new RawFactory(),
        $filterReader,
        $stats(),
        new DashboardTables(),
        new CallCsv()
    ));
});

return $site->run();
