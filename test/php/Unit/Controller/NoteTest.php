<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Controller;

use Bandeau\Cti\Api\CallWrapUpInterface;
use Bandeau\Cti\Api\Data\WrapUpInterface;
use Bandeau\Cti\Controller\Adminhtml\Call\Note;
use Bandeau\Cti\Test\Support\Builders;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Exception\AuthorizationException;
use Magento\Framework\Exception\InputException;
use PHPUnit\Framework\TestCase;

/**
 * The wrap-up endpoint (bandeau/call/note): what it reads from the POST and hands the service,
 * and how it answers. The service's own checks are in test/php/Sql/WrapUpTest.php.
 */
class NoteTest extends TestCase
{
    /** @var array<int, array> */
    private array $calls = [];
    private ?\Exception $throw = null;

    private function dispatch(array $post, array $perms = ['phone_bar'], bool $loggedIn = true): array
    {
        $service = new class ($this) implements CallWrapUpInterface {
            public function __construct(private NoteTest $test)
            {
            }

            public function save(
                WrapUpInterface $wrapUp,
                int $agentUserId,
                bool $mayEditAnyCall = false,
                ?string $direction = null
            ): WrapUpInterface {
                return $this->test->record(func_get_args());
            }
        };
        $session = new Session();
        $session->setUser($loggedIn ? Builders::user() : null);
        $controller = new Note(
            new Context(new Request([], 'POST', $post), Builders::authorization($perms)),
            new JsonFactory(),
            $session,
            $service
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), json_decode($response->getBody(), true)];
    }

    public function record(array $args): WrapUpInterface
    {
        $this->calls[] = $args;
        if ($this->throw) {
            throw $this->throw;
        }
        return $args[0];
    }

    public function testSavesTheWrapUpForTheLoggedInAgent(): void
    {
        self::assertTrue(is_subclass_of(Note::class, HttpPostActionInterface::class));
        [$status, $body] = $this->dispatch([
            'call_id' => 'c1', 'note' => 'Callback Friday', 'direction' => 'inbound', 'outcome' => 'Call back',
            'tags' => ['Delivery', 'Urgent'], 'follow_up_at' => '2026-11-20', 'customer_id' => '12',
        ]);
        self::assertSame(200, $status);
        self::assertSame([
            'callId' => 'c1', 'note' => 'Callback Friday', 'outcome' => 'Call back', 'tags' => ['Delivery', 'Urgent'],
            'followUpAt' => '2026-11-20', 'customerId' => 12,
        ], $body);
        [$wrapUp, $agent, $anyCall, $direction] = $this->calls[0];
        self::assertSame([42, false, 'inbound'], [$agent, $anyCall, $direction]);
        self::assertSame('c1', $wrapUp->getCallId());
    }

    public function testANoteAloneStillWorksAndTagsMayComeAsOneCommaList(): void
    {
        [$status, $body] = $this->dispatch(['call_id' => 'c1', 'note' => 'x']);
        self::assertSame(200, $status);
        self::assertSame(['callId' => 'c1', 'note' => 'x', 'outcome' => null, 'tags' => [], 'followUpAt' => null, 'customerId' => null], $body);
        $this->dispatch(['call_id' => 'c1', 'tags' => 'Delivery,Urgent', 'customer_id' => 'x']);
        self::assertSame(['Delivery', 'Urgent'], $this->calls[1][0]->getTags());
        self::assertNull($this->calls[1][0]->getCustomerId());
    }

    public function testAllCallsLetsASupervisorWriteOnAnyCall(): void
    {
        $this->dispatch(['call_id' => 'c1', 'note' => 'x'], ['phone_bar', 'all_calls']);
        self::assertTrue($this->calls[0][2]);
    }

    public function testErrorsAreSentencesWithACode(): void
    {
        self::assertSame(400, $this->dispatch(['note' => 'x'])[0]);
        self::assertSame(400, $this->dispatch(['call_id' => 'c1', 'note' => str_repeat('x', 65536)])[0]);
        self::assertSame(403, $this->dispatch(['call_id' => 'c1', 'note' => 'x'], ['phone_bar'], false)[0]);
        $this->throw = new AuthorizationException(__('This call belongs to another agent.'));
        [$status, $body] = $this->dispatch(['call_id' => 'c1', 'note' => 'x']);
        self::assertSame(403, $status);
        self::assertSame(['code' => 'forbidden', 'message' => 'This call belongs to another agent.'], $body['error']);
        $this->throw = new InputException(__('"%1" is not one of the configured outcomes.', 'Maybe'));
        [$status, $body] = $this->dispatch(['call_id' => 'c1', 'outcome' => 'Maybe']);
        self::assertSame(400, $status);
        self::assertSame(['code' => 'invalid', 'message' => '"Maybe" is not one of the configured outcomes.'], $body['error']);
    }
}
