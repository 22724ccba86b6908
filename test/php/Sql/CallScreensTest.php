<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Controller\Adminhtml\Customer\Export;
use Bandeau\Cti\Model\Access\CallVisibility;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Magento\Backend\Model\Auth\Session;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\CallRepository;
use Bandeau\Cti\Model\Export\CallCsv;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\Model\WrapUp\WrapUpReader;
use Bandeau\Cti\ViewModel\CallHistory;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\RawFactory;
use Magento\Framework\Escaper;
use Magento\Framework\View\Element\Template;

class CallScreensTest extends SqlTestCase
{
    private const TEMPLATES = __DIR__ . '/../../../app/code/Bandeau/Cti/view/adminhtml/templates/';

    private CallRepository $repository;

    protected function setUp(): void
    {
        parent::setUp();
        $this->insert('customer_entity', ['entity_id' => 12, 'email' => 'm@example.com']);
        $this->insert('sales_order', ['entity_id' => 42, 'increment_id' => '000000042', 'customer_id' => 12]);
        $this->repository = Builders::callRepository($this->resource);
        $this->repository->save(new Call([
            'call_id' => 'a', 'direction' => 'inbound', 'started_at' => '2024-05-01T10:00:00Z', 'customer_id' => 12,
            'from' => '+33612345678', 'to' => '1001', 'talk_s' => 75, 'disposition' => 'answered',
            'note' => "<b>Refund</b>\nasked", 'agent_extension' => '1001',
        ]));
        $this->repository->save(new Call([
            'call_id' => 'b', 'direction' => 'outbound', 'started_at' => '2024-05-02T10:00:00Z', 'customer_id' => 12,
            'order_id' => 42, 'from' => '1001', 'to' => '+33612345678', 'disposition' => 'missed',
        ]));
    }

    /** ACL resources of a supervisor: manage customers and see all calls. */
    private const SUPERVISOR = ['Bandeau_Cti::phone_bar', 'Magento_Customer::manage', 'Bandeau_Cti::all_calls'];

    /**
     * @param string[] $resources ACL resources the admin user's role grants
     */
    private function history(array $params, array $resources = self::SUPERVISOR, string $userId = '42'): CallHistory
    {
        return new CallHistory(
            $this->repository,
            new Request($params),
            new FakeBackendUrl(),
            new CallVisibility(
                new StaticAuthorization($resources),
                (new Session())->setUser(Builders::user(['user_id' => $userId])),
                new AgentProfile()
            ),
            new WrapUpReader($this->resource)
        );
    }

    private function render(string $template, array $data): string
    {
        $block = new Template($data);
        $escaper = new Escaper();
        return (static function (string $file) use ($block, $escaper): string {
            ob_start();
            include $file;
            return (string)ob_get_clean();
        })(self::TEMPLATES . $template);
    }

    public function testCustomerAndOrderCalls(): void
    {
        $customer = $this->history(['id' => '12']);
        self::assertSame(['b', 'a'], array_map(static fn ($c) => $c->getCallId(), $customer->getCustomerCalls()));
        $order = $this->history(['order_id' => '42']);
        self::assertSame(['b'], array_map(static fn ($c) => $c->getCallId(), $order->getOrderCalls()));
        self::assertSame([], $this->history([])->getCustomerCalls());
        self::assertSame('1:15', $customer->formatDuration(75));
        self::assertSame('+33612345678', $customer->getCounterpart($customer->getCustomerCalls()[0]));
        self::assertTrue($customer->canExport());
        self::assertFalse($this->history(['id' => '12'], ['Bandeau_Cti::all_calls'])->canExport());
        self::assertStringContainsString(
            'bandeau/customer/export/customer_id/12/',
            $this->history(['id' => '12'])->getExportUrl()
        );
    }

    public function testCallTableEscapesNotes(): void
    {
        $history = $this->history(['id' => '12']);
        $html = $this->render('call-table.phtml', ['view_model' => $history, 'calls' => $history->getCustomerCalls()]);
        self::assertStringContainsString('&lt;b&gt;Refund&lt;/b&gt;<br />', $html);
        self::assertStringNotContainsString('<b>Refund', $html);
        self::assertSame(2, substr_count($html, 'data-bandeau-call-id='));
        self::assertStringContainsString('No calls yet.', $this->render('call-table.phtml', [
            'view_model' => $history, 'calls' => [],
        ]));
    }

    public function testExportControllerSendsTheCustomersCallsAsCsv(): void
    {
        $controller = new Export(
            new Context(new Request(['customer_id' => '12']), Builders::authorization(['all_calls'])),
            new RawFactory(),
            Builders::dataSubjectCalls($this->resource),
            new CallCsv()
        );
        self::assertSame('Bandeau_Cti::all_calls', Export::ADMIN_RESOURCE);
        $response = new Response();
        $controller->execute()->renderResult($response);
        self::assertSame('text/csv; charset=utf-8', $response->getHeader('Content-Type')->getFieldValue());
        self::assertSame(
            'attachment; filename="customer-12-calls.csv"',
            $response->getHeader('Content-Disposition')->getFieldValue()
        );
        $lines = array_values(array_filter(explode("\n", $response->getBody()), static fn ($l) => str_starts_with($l, 'a,') || str_starts_with($l, 'b,')));
        self::assertCount(2, $lines);

        $bad = new Export(
            new Context(new Request([]), Builders::authorization(['all_calls'])),
            new RawFactory(),
            Builders::dataSubjectCalls($this->resource),
            new CallCsv()
        );
        $response = new Response();
        $bad->execute()->renderResult($response);
        self::assertSame(400, $response->getHttpResponseCode());
    }
}
