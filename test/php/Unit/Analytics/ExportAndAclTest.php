<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Analytics;

use Bandeau\Cti\Api\CallStatsInterface;
use Bandeau\Cti\Controller\Adminhtml\Analytics\Export;
use Bandeau\Cti\Controller\Adminhtml\Analytics\Index;
use Bandeau\Cti\Model\Analytics\AggregateStats;
use Bandeau\Cti\Model\Analytics\DashboardTables;
use Bandeau\Cti\Model\Export\CallCsv;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Bandeau\Cti\Test\Support\TranslatableStrings;
use Bandeau\Cti\ViewModel\CallAnalytics;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\RawFactory;
use PHPUnit\Framework\TestCase;

/**
 * The CSV export (exactly the rows and columns each block shows, translated header, the range in the
 * file name), and the ACL, menu, route and wiring of the dashboard.
 */
class ExportAndAclTest extends TestCase
{
    private const RESOURCE = 'Bandeau_Cti::analytics';

    private function export(array $params, ?CallStatsInterface $stats = null): Response
    {
        $controller = new Export(
            new Context(new Request($params), new StaticAuthorization([self::RESOURCE])),
            new RawFactory(),
            DashboardFixture::filterReader(),
            $stats ?? DashboardFixture::stats(),
            new DashboardTables(),
            new CallCsv()
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return $response;
    }

    /**
     * @return array<int, string[]>
     */
    private function csvRows(string $csv): array
    {
        $lines = [];
        $handle = fopen('php://memory', 'r+b');
        fwrite($handle, $csv);
        rewind($handle);
        while (($row = fgetcsv($handle, 0, ',', '"', '')) !== false) {
            $lines[] = $row;
        }
        fclose($handle);
        return $lines;
    }

    public function testCsvOfEachBlockIsTheTableThePageShows(): void
    {
        $params = ['from' => '2023-10-16', 'to' => '2023-11-14', 'direction' => 'inbound'];
        $page = DashboardRenderTest::xpath(DashboardFixture::render(DashboardFixture::viewModel($params)));
        foreach (DashboardTables::BLOCKS as $block) {
            $response = $this->export(['block' => $block] + $params);
            self::assertSame(200, $response->getHttpResponseCode(), $block);
            [$columns, $rows] = DashboardRenderTest::pageTable($page, $block);
            $csv = $this->csvRows($response->getBody());
            self::assertSame($columns, array_shift($csv), $block . ': header row');
            // Spreadsheet formulas are neutralised in the file, as in every export of the module.
            $rows = array_map(
                static fn (array $row): array => array_map([new CallCsv(), 'sanitise'], $row),
                $rows
            );
            self::assertSame($rows, $csv, $block);
            self::assertSame(
                sprintf('attachment; filename="call-analytics-%s-2023-10-16-to-2023-11-14.csv"', $block),
                $response->getHeader('Content-Disposition')->getFieldValue()
            );
        }
    }

    public function testCsvKeepsFiguresRawAndNeutralisesFormulas(): void
    {
        $body = $this->export(['block' => 'unknownCallers'])->getBody();
        self::assertStringContainsString("\n+33612345678,9,2,\"2023-11-14 16:02:11\"\n", $body);
        self::assertStringContainsString("\n\"'=HYPERLINK(\"\"x\"\")\",1,0,", $body);
        $response = $this->export(['block' => 'byRoute']);
        self::assertSame('text/csv; charset=utf-8', $response->getHeader('Content-Type')->getFieldValue());
        self::assertSame('no-store', $response->getHeader('Cache-Control')->getFieldValue());
        self::assertMatchesRegularExpression('/^sales,\d+,\d+,\d+,\d+,0\.\d+,9,\d+(\.\d)?$/m', $response->getBody());
    }

    public function testExportReadsTheSameFilterAsThePage(): void
    {
        $stats = DashboardFixture::stats();
        $this->export(['block' => 'daily', 'from' => '2023-01-31', 'to' => '2023-01-01', 'store' => '2',
            'agent' => '7'], $stats);
        self::assertSame(
            ['from' => '2023-01-01', 'to' => '2023-01-31', 'store' => '2', 'direction' => '', 'agent' => '7'],
            $stats->last->toParams()
        );
    }

    public function testUnknownBlockIsRefused(): void
    {
        foreach ([[], ['block' => 'totals'], ['block' => ['daily']], ['block' => '../etc']] as $params) {
            $stats = DashboardFixture::stats();
            $response = $this->export($params, $stats);
            self::assertSame(400, $response->getHttpResponseCode());
            self::assertStringStartsWith('Unknown block; use one of: heatmap, daily,', $response->getBody());
            self::assertNull($stats->last, 'nothing is computed');
        }
    }

    public function testBothActionsNeedTheAnalyticsResourceAndTheSecretKey(): void
    {
        foreach ([Index::class, Export::class] as $class) {
            self::assertSame(self::RESOURCE, $class::ADMIN_RESOURCE);
            self::assertTrue(is_subclass_of($class, HttpGetActionInterface::class), $class . ' is GET');
            $controller = (new \ReflectionClass($class))->newInstanceWithoutConstructor();
            $public = new \ReflectionProperty($class, '_publicActions');
            self::assertSame([], $public->getValue($controller), $class . ' keeps the secret key check');
            $allowed = new \ReflectionMethod($class, '_isAllowed');
            foreach ([[self::RESOURCE], ['Bandeau_Cti::all_calls', 'Magento_Reports::report']] as $grants) {
                $authorization = new StaticAuthorization($grants);
                (new \ReflectionProperty($class, '_authorization'))->setValue($controller, $authorization);
                self::assertSame($grants === [self::RESOURCE], $allowed->invoke($controller), $class);
            }
        }
    }

    public function testAclMenuLayoutAndPreferenceAreDeclared(): void
    {
        $etc = TranslatableStrings::MODULE_DIR . '/etc/';
        $acl = simplexml_load_file($etc . 'acl.xml');
        $resource = $acl->xpath('//resource[@id="Bandeau_Cti::cti"]/resource[@id="' . self::RESOURCE . '"]');
        self::assertCount(1, $resource);
        self::assertSame('Call analytics', (string)$resource[0]['title']);

        $menu = simplexml_load_file($etc . 'adminhtml/menu.xml');
        $item = $menu->xpath('//add[@action="bandeau/analytics/index"]')[0];
        self::assertSame(self::RESOURCE, (string)$item['resource']);
        self::assertSame(Index::MENU_ID, (string)$item['id']);
        $group = $menu->xpath('//add[@id="' . $item['parent'] . '"]')[0];
        self::assertSame('Magento_Reports::report', (string)$group['parent']);
        self::assertSame('Calls', (string)$group['title']);
        self::assertSame(self::RESOURCE, (string)$group['resource']);

        $routes = simplexml_load_file($etc . 'adminhtml/routes.xml');
        self::assertCount(1, $routes->xpath('//route[@frontName="bandeau"]'));

        $layout = simplexml_load_file(
            TranslatableStrings::MODULE_DIR . '/view/adminhtml/layout/bandeau_analytics_index.xml'
        );
        $block = $layout->xpath('//block[@template="Bandeau_Cti::analytics/dashboard.phtml"]');
        self::assertCount(1, $block);
        self::assertSame(CallAnalytics::class, trim((string)$block[0]->arguments->argument));

        $di = simplexml_load_file($etc . 'di.xml');
        $preference = $di->xpath('//preference[@for="' . CallStatsInterface::class . '"]');
        self::assertSame(AggregateStats::class, (string)$preference[0]['type']);
    }
}
