<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Controller;

use Bandeau\Cti\Controller\Adminhtml\Lookup\Index;
use Bandeau\Cti\Model\Lookup\PhoneBarLookup;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Unit\Queue\MemoryLogger;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;
use PHPUnit\Framework\TestCase;

/**
 * The phone bar's screen pop (bandeau/lookup/index) takes the number in a POST body only
 * (issue 14, point 5): a number in a URL lands in web server and proxy access logs, out of reach
 * of the module's retention and erasure. The lookup itself is tested in Sql/PhoneBarLookupTest.
 */
class LookupIndexTest extends TestCase
{
    /** @var string[] numbers the lookup was asked for */
    private array $asked = [];
    private ?\Throwable $throw = null;
    private MemoryLogger $logger;

    protected function setUp(): void
    {
        $this->logger = new MemoryLogger();
    }

    public function ask(string $phone): array
    {
        $this->asked[] = $phone;
        if ($this->throw) {
            throw $this->throw;
        }
        return ['phone' => $phone, 'customers' => [], 'newCustomerUrl' => 'https://shop.example/admin/new/'];
    }

    private function dispatch(Request $request): array
    {
        $test = $this;
        $lookup = new class ($test) extends PhoneBarLookup {
            public function __construct(private LookupIndexTest $test)
            {
            }

            public function lookup(string $phone): array
            {
                return $this->test->ask($phone);
            }
        };
        $controller = new Index(
            new Context($request, Builders::authorization(['phone_bar'])),
            new JsonFactory(),
            $lookup,
            $this->logger
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return [$response->getHttpResponseCode(), json_decode($response->getBody(), true), $response];
    }

    public function testIsRoutedForPostOnly(): void
    {
        // Magento's HttpMethodValidator answers 404 to a GET on an action that is POST-only.
        self::assertTrue(is_subclass_of(Index::class, HttpPostActionInterface::class));
        self::assertFalse(is_subclass_of(Index::class, HttpGetActionInterface::class));
    }

    public function testLooksUpTheNumberFromThePostBody(): void
    {
        $request = new Request([], 'POST', ['phone' => '+33612345678', 'form_key' => 'k']);
        [$status, $body, $response] = $this->dispatch($request);
        self::assertSame(200, $status);
        self::assertSame('+33612345678', $body['phone']);
        self::assertSame(['+33612345678'], $this->asked);
        self::assertSame('no-store', $response->getHeader('Cache-Control')->getFieldValue());
    }

    public function testANumberInTheQueryStringIsNotRead(): void
    {
        // The attack: an old client (or a crafted link) still putting the number in the URL.
        [$status, $body] = $this->dispatch(new Request(['phone' => '+33612345678'], 'POST', ['form_key' => 'k']));
        self::assertSame(400, $status);
        self::assertSame('invalid_phone', $body['error']['code']);
        self::assertSame([], $this->asked);
    }

    public function testRefusesAMissingOrOverlongNumber(): void
    {
        [$status] = $this->dispatch(new Request([], 'POST', ['phone' => str_repeat('1', 65)]));
        self::assertSame(400, $status);
        [$status] = $this->dispatch(new Request([], 'POST', ['phone' => ['+33612345678']]));
        self::assertSame(400, $status);
        self::assertSame([], $this->asked);
    }

    public function testAFailedLookupAnswers500AndLogsNoNumber(): void
    {
        $this->throw = new \RuntimeException('database gone');
        [$status, $body] = $this->dispatch(new Request([], 'POST', ['phone' => '+33612345678']));
        self::assertSame(500, $status);
        self::assertSame('lookup_failed', $body['error']['code']);
        self::assertNotEmpty($this->logger->records);
        self::assertStringNotContainsString('612345678', json_encode($this->logger->records));
    }
}
