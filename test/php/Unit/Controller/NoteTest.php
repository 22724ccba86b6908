<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Controller;

use Bandeau\Cti\Api\CallManagementInterface;
use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Controller\Adminhtml\Call\Note;
use Bandeau\Cti\Model\Call;
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

class NoteTest extends TestCase
{
    /** @var array<int, array> */
    private array $calls = [];
    private ?\Exception $throw = null;

    private function dispatch(array $post, array $perms = ['phone_bar'], bool $loggedIn = true): array
    {
        $management = new class ($this) implements CallManagementInterface {
            public function __construct(private NoteTest $test)
            {
            }

            public function upsert(CallInterface $call): CallInterface
            {
                return $call;
            }

            public function saveNote(
                string $callId,
                string $note,
                int $agentUserId,
                bool $mayEditAnyCall = false,
                ?string $direction = null
            ): CallInterface {
                return $this->test->record(func_get_args());
            }
        };
        $session = new Session();
        $session->setUser($loggedIn ? Builders::user() : null);
        $controller = new Note(
            new Context(new Request([], 'POST', $post), Builders::authorization($perms)),
            new JsonFactory(),
            $session,
            $management
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), json_decode($response->getBody(), true)];
    }

    public function record(array $args): CallInterface
    {
        $this->calls[] = $args;
        if ($this->throw) {
            throw $this->throw;
        }
        return new Call(['call_id' => $args[0], 'note' => $args[1]]);
    }

    public function testSavesTheNoteForTheLoggedInAgent(): void
    {
        self::assertTrue(is_subclass_of(Note::class, HttpPostActionInterface::class));
        [$status, $body] = $this->dispatch(['call_id' => 'c1', 'note' => 'Callback Friday', 'direction' => 'inbound']);
        self::assertSame(200, $status);
        self::assertSame(['callId' => 'c1', 'note' => 'Callback Friday'], $body);
        self::assertSame(['c1', 'Callback Friday', 42, false, 'inbound'], $this->calls[0]);
    }

    public function testAllCallsLetsASupervisorWriteOnAnyCall(): void
    {
        $this->dispatch(['call_id' => 'c1', 'note' => 'x'], ['phone_bar', 'all_calls']);
        self::assertTrue($this->calls[0][3]);
    }

    public function testErrors(): void
    {
        self::assertSame(400, $this->dispatch(['note' => 'x'])[0]);
        self::assertSame(400, $this->dispatch(['call_id' => 'c1', 'note' => str_repeat('x', 65536)])[0]);
        self::assertSame(403, $this->dispatch(['call_id' => 'c1', 'note' => 'x'], ['phone_bar'], false)[0]);
        $this->throw = new AuthorizationException(__('This call belongs to another agent.'));
        [$status, $body] = $this->dispatch(['call_id' => 'c1', 'note' => 'x']);
        self::assertSame(403, $status);
        self::assertSame('forbidden', $body['error']['code']);
        $this->throw = new InputException(__('"%1" is required.', 'call_id'));
        self::assertSame(400, $this->dispatch(['call_id' => 'c1', 'note' => 'x'])[0]);
    }
}
