<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\ViewModel;

use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\Config\Source\RouteReason;
use Bandeau\Cti\ViewModel\CallHistory;
use Bandeau\Cti\ViewModel\CallRouting;
use Magento\Framework\Escaper;
use Magento\Framework\View\Element\Template;
use PHPUnit\Framework\TestCase;

/**
 * The queue and transfer lines of the call history (customer Calls tab, order view).
 */
class CallRoutingTest extends TestCase
{
    private const TEMPLATE = __DIR__ . '/../../../../app/code/Bandeau/Cti/view/adminhtml/templates/call-table.phtml';
    private const BASE = ['call_id' => 'c1', 'direction' => 'inbound', 'started_at' => '2024-05-01T12:00:00Z'];

    private function lines(array $fields): array
    {
        return (new CallRouting(new RouteReason()))->getLines(new Call(array_merge(self::BASE, $fields)));
    }

    public function testPlainCallHasNoLine(): void
    {
        self::assertSame([], $this->lines(['disposition' => 'answered']));
    }

    public function testQueueCallAnswered(): void
    {
        self::assertSame(
            ['Queue support, waited 0:09', 'Joined the queue at position 2'],
            $this->lines(['queue' => 'support', 'wait_s' => 9, 'queue_position' => 2])
        );
    }

    public function testQueueCallAbandoned(): void
    {
        self::assertSame(
            ['Queue support, waited 1:12', 'Hung up at position 1 (joined at 3)'],
            $this->lines(['queue' => 'support', 'wait_s' => 72, 'queue_position' => 3, 'abandon_position' => 1,
                'disposition' => 'abandoned'])
        );
        self::assertSame(['Queue sales', 'Hung up at position 2'], $this->lines(['queue' => 'sales', 'abandon_position' => 2]));
        self::assertSame(['Waited 1:02:05 in the queue'], $this->lines(['wait_s' => 3725]));
    }

    public function testTransferredCall(): void
    {
        self::assertSame(['Transferred to 7003'], $this->lines(['transferred_to' => '7003']));
        self::assertSame(
            ['Queue support, waited 0:30', 'Transferred to +33155501234'],
            $this->lines(['queue' => 'support', 'wait_s' => 30, 'transferred_to' => '+33155501234'])
        );
    }

    /** Issue 15: the route Bandeau's call routing chose comes first, with its rule or reason. */
    public function testRoutedCall(): void
    {
        self::assertSame(
            ['Routed to sales by rule unshipped', 'Queue sales, waited 0:05'],
            $this->lines(['route' => 'sales', 'route_rule' => 'unshipped', 'route_reason' => 'rule', 'queue' => 'sales', 'wait_s' => 5])
        );
        self::assertSame(['Routed to default: Shop data unavailable'], $this->lines(['route' => 'default', 'route_reason' => 'timeout']));
        self::assertSame(['Routed to default: No rule matched'], $this->lines(['route' => 'default', 'route_reason' => 'no_match']));
        self::assertSame(['Routed to default: Unknown number'], $this->lines(['route' => 'default', 'route_reason' => 'unknown_number']));
        self::assertSame(['Routed to vip by rule vip'], $this->lines(['route' => 'vip', 'route_rule' => 'vip']));
        self::assertSame(['Routed to sales'], $this->lines(['route' => 'sales']));
        self::assertSame([], $this->lines(['route_rule' => 'vip', 'route_reason' => 'rule']), 'no route, no line');
    }

    public function testTheCallTableShowsTheLinesUnderTheResultEscaped(): void
    {
        $history = $this->createMock(CallHistory::class);
        $history->method('getDispositionLabel')->willReturn('Abandoned');
        $history->method('formatDuration')->willReturn('0:00');
        $history->method('getCounterpart')->willReturn('+33612345678');
        $history->method('getDirectionLabel')->willReturn('Inbound');
        $calls = [
            new Call(array_merge(self::BASE, ['queue' => '<b>support</b>', 'wait_s' => 72, 'queue_position' => 3,
                'abandon_position' => 1, 'disposition' => 'abandoned'])),
            new Call(array_merge(self::BASE, ['call_id' => 'c2', 'transferred_to' => '7003'])),
        ];
        $html = $this->render(['view_model' => $history, 'calls' => $calls, 'routing_view_model' => new CallRouting(new RouteReason())]);
        self::assertStringContainsString(
            '<small class="bandeau-calls__routing">Queue &lt;b&gt;support&lt;/b&gt;, waited 1:12</small>',
            $html
        );
        self::assertStringContainsString('<small class="bandeau-calls__routing">Hung up at position 1 (joined at 3)</small>', $html);
        self::assertStringContainsString('<small class="bandeau-calls__routing">Transferred to 7003</small>', $html);
        self::assertStringNotContainsString('<b>support', $html);

        // Without the layout argument (an older layout override), the table still renders.
        $plain = $this->render(['view_model' => $history, 'calls' => $calls]);
        self::assertStringNotContainsString('bandeau-calls__routing', $plain);
        self::assertStringContainsString('Abandoned', $plain);
    }

    private function render(array $data): string
    {
        $block = new Template($data);
        $escaper = new Escaper();
        return (static function (string $file) use ($block, $escaper): string {
            ob_start();
            include $file;
            return (string)ob_get_clean();
        })(self::TEMPLATE);
    }
}
