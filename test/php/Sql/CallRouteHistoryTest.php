<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Controller\Adminhtml\Customer\Export;
use Bandeau\Cti\Model\Access\CallVisibility;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\CallRepository;
use Bandeau\Cti\Model\Config\Source\RouteReason;
use Bandeau\Cti\Model\Export\CallCsv;
use Bandeau\Cti\Model\Routing\RuleNames;
use Bandeau\Cti\Model\WrapUp\WrapUpReader;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Bandeau\Cti\Test\Support\TranslatableStrings;
use Bandeau\Cti\ViewModel\CallHistory;
use Bandeau\Cti\ViewModel\CallRouting;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\RawFactory;
use Magento\Framework\Escaper;
use Magento\Framework\View\Element\Template;

/**
 * Issue 15, point 6: the route, rule and reason the bridge delivered with a call record are seen by
 * supervisors in the call history: the Calls grid (columns over bandeau_call, filters as Magento
 * applies them, the reason's options), the customer's Calls tab and order section, and the
 * customer's CSV export. Calls stored through the REST upsert on MariaDB, as the bridge sends them.
 */
class CallRouteHistoryTest extends SqlTestCase
{
    private const MODULE = __DIR__ . '/../../../app/code/Bandeau/Cti/';
    private const LISTING = self::MODULE . 'view/adminhtml/ui_component/bandeau_call_listing.xml';

    private CallRepository $repository;

    protected function setUp(): void
    {
        parent::setUp();
        $this->insert('customer_entity', ['entity_id' => 12, 'email' => 'm@example.com']);
        $this->insert('sales_order', ['entity_id' => 102, 'increment_id' => '000000102', 'customer_id' => 12]);
        $this->repository = Builders::callRepository($this->resource);
        $management = Builders::callManagement($this->resource, $this->repository, strtotime('2024-05-01T12:30:00Z'));
        $calls = [
            ['call_id' => 'r1', 'route' => 'sales', 'route_rule' => 'unshipped', 'route_reason' => 'rule', 'order_id' => 102],
            ['call_id' => 'r2', 'route' => 'default', 'route_reason' => 'timeout'],
            ['call_id' => 'r3', 'route' => 'vip', 'route_rule' => 'vip', 'route_reason' => 'rule'],
            ['call_id' => 'r4'],
        ];
        foreach ($calls as $i => $fields) {
            $management->upsert(new Call(array_merge([
                'direction' => 'inbound', 'started_at' => sprintf('2024-05-01T12:0%d:00Z', $i), 'from' => '+33612345678',
                'to' => '1001', 'customer_id' => 12, 'disposition' => 'answered',
            ], $fields)));
        }
    }

    /**
     * The listing's columns: name => [filter, options class or null].
     *
     * @return array<string, array{0: string|null, 1: string|null}>
     */
    private function gridColumns(): array
    {
        $xml = simplexml_load_file(self::LISTING);
        $columns = [];
        foreach ($xml->columns->column as $column) {
            $settings = $column->settings;
            $columns[(string)$column['name']] = [
                isset($settings->filter) ? (string)$settings->filter : null,
                isset($settings->options) ? (string)$settings->options['class'] : null,
            ];
        }
        return $columns;
    }

    /**
     * The grid's rows as its data provider reads them (SearchResult over bandeau_call, main_table)
     * with one column filter applied as Magento's filter components do: text => like %value%,
     * select => eq.
     *
     * @return string[] call ids
     */
    private function gridFiltered(string $column, string $value): array
    {
        [$filter] = $this->gridColumns()[$column];
        [$condition, $bind] = match ($filter) {
            'text' => ["main_table.`$column` LIKE ?", '%' . $value . '%'],
            'select' => ["main_table.`$column` = ?", $value],
        };
        return array_map('strval', $this->db->fetchCol(
            "SELECT main_table.call_id FROM bandeau_call AS main_table WHERE $condition ORDER BY main_table.call_id",
            [$bind]
        ));
    }

    public function testTheCallsGridHasFilterableRouteColumnsOverTheCallTable(): void
    {
        $columns = $this->gridColumns();
        self::assertSame(['text', null], $columns['route']);
        self::assertSame(['text', null], $columns['route_rule']);
        self::assertSame(['select', RouteReason::class], $columns['route_reason']);
        // Every column of the grid is a column of bandeau_call (the provider's main table).
        $table = array_map('strval', $this->db->fetchCol('SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?', ['bandeau_call']));
        $virtual = ['outcome', 'tags', 'follow_up_at'];
        self::assertSame([], array_diff(array_keys($columns), $table, $virtual));

        self::assertSame(['r1'], $this->gridFiltered('route', 'sales'));
        self::assertSame(['r1'], $this->gridFiltered('route_rule', 'unship'));
        self::assertSame(['r1', 'r3'], $this->gridFiltered('route_reason', 'rule'));
        self::assertSame(['r2'], $this->gridFiltered('route_reason', 'timeout'));
    }

    public function testTheReasonFilterOffersEveryReasonOfTheContractTranslated(): void
    {
        $options = (new RouteReason())->toOptionArray();
        self::assertSame(RuleNames::REASONS, array_column($options, 'value'));
        // The bridge's wire enum (bridge/src/protocol/messages.ts) is the same list.
        $messages = (string)file_get_contents(__DIR__ . '/../../../bridge/src/protocol/messages.ts');
        self::assertMatchesRegularExpression('/export const RouteReason = z\.enum\(\[([^\]]*)\]\)/', $messages);
        preg_match('/export const RouteReason = z\.enum\(\[([^\]]*)\]\)/', $messages, $m);
        self::assertSame(RuleNames::REASONS, array_map(static fn ($s) => trim($s, " '"), explode(',', $m[1])));
        $labels = array_map(static fn ($o) => (string)$o['label'], $options);
        self::assertSame(
            ['Rule matched', 'No rule matched', 'Unknown number', 'No caller ID', 'Shop data unavailable', 'Routing failed'],
            $labels
        );
        $fr = TranslatableStrings::readCsv(self::MODULE . 'i18n/fr_FR.csv');
        foreach (array_merge($labels, ['Route', 'Routing Rule', 'Route Reason']) as $label) {
            self::assertArrayHasKey($label, $fr, "fr_FR.csv translates \"$label\"");
        }
        self::assertSame('because', (new RouteReason())->label('because'), 'an unknown value reads as itself');
    }

    private function history(array $params): CallHistory
    {
        return new CallHistory(
            $this->repository,
            new Request($params),
            new FakeBackendUrl(),
            new CallVisibility(
                new StaticAuthorization(['Bandeau_Cti::phone_bar', 'Magento_Customer::manage', 'Bandeau_Cti::all_calls']),
                (new Session())->setUser(Builders::user(['user_id' => '42'])),
                new AgentProfile()
            ),
            new WrapUpReader($this->resource)
        );
    }

    private function renderTable(CallHistory $history, array $calls): string
    {
        $block = new Template(['view_model' => $history, 'calls' => $calls, 'routing_view_model' => new CallRouting(new RouteReason())]);
        $escaper = new Escaper();
        return (static function (string $file) use ($block, $escaper): string {
            ob_start();
            include $file;
            return (string)ob_get_clean();
        })(self::MODULE . 'view/adminhtml/templates/call-table.phtml');
    }

    /** The route lines of each row of the rendered table, by call id. */
    private function routeLines(string $html): array
    {
        preg_match_all('/data-bandeau-call-id="([^"]+)"(.*?)<\/tr>/s', $html, $rows, PREG_SET_ORDER);
        $lines = [];
        foreach ($rows as [, $id, $row]) {
            preg_match_all('/<small class="bandeau-calls__routing">([^<]*)<\/small>/', $row, $m);
            $lines[$id] = $m[1];
        }
        return $lines;
    }

    public function testTheCustomersCallsTabAndTheOrderSectionSayHowEachCallWasRouted(): void
    {
        $customer = $this->history(['id' => '12']);
        self::assertSame([
            'r4' => [],
            'r3' => ['Routed to vip by rule vip'],
            'r2' => ['Routed to default: Shop data unavailable'],
            'r1' => ['Routed to sales by rule unshipped'],
        ], $this->routeLines($this->renderTable($customer, $customer->getCustomerCalls())));

        $order = $this->history(['order_id' => '102']);
        self::assertSame(
            ['r1' => ['Routed to sales by rule unshipped']],
            $this->routeLines($this->renderTable($order, $order->getOrderCalls()))
        );
    }

    public function testTheCustomersCsvExportHasTheRouteColumns(): void
    {
        $controller = new Export(
            new Context(new Request(['customer_id' => '12']), Builders::authorization(['all_calls'])),
            new RawFactory(),
            Builders::dataSubjectCalls($this->resource),
            new CallCsv()
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        $lines = array_map(
            static fn ($l) => str_getcsv($l, ',', '"', ''),
            array_values(array_filter(explode("\n", $response->getBody())))
        );
        self::assertSame(['route', 'route_rule', 'route_reason'], array_slice($lines[0], -3));
        $byId = [];
        foreach (array_slice($lines, 1) as $line) {
            $row = array_combine($lines[0], $line);
            $byId[$row['call_id']] = [$row['route'], $row['route_rule'], $row['route_reason']];
        }
        ksort($byId);
        self::assertSame([
            'r1' => ['sales', 'unshipped', 'rule'],
            'r2' => ['default', '', 'timeout'],
            'r3' => ['vip', 'vip', 'rule'],
            'r4' => ['', '', ''],
        ], $byId);
    }
}
