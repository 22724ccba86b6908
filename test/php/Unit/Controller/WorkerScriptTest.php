<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Controller;

use Bandeau\Cti\Controller\Adminhtml\Worker\Script;
use Bandeau\Cti\Test\Support\Builders;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\RawFactory;
use Magento\Framework\View\Asset\Repository;
use PHPUnit\Framework\TestCase;

class WorkerScriptTest extends TestCase
{
    private function dispatch(string $base): Response
    {
        $controller = new Script(
            new Context(new Request([], 'GET', [], 'script'), Builders::authorization()),
            new RawFactory(),
            new Repository($base)
        );
        $response = new Response();
        $controller->execute()->renderResult($response);
        return $response;
    }

    public function testImportsTheVersionedBundle(): void
    {
        $response = $this->dispatch('https://cdn.example.com/static/version1712345678/adminhtml/Magento/backend/fr_FR/');
        self::assertSame(
            'importScripts("https://cdn.example.com/static/version1712345678/adminhtml/Magento/backend/fr_FR/'
            . 'Bandeau_Cti/js/bandeau-worker.js");' . "\n",
            $response->getBody()
        );
        self::assertSame('application/javascript', $response->getHeader('Content-Type')->getFieldValue());
        self::assertSame('no-cache', $response->getHeader('Cache-Control')->getFieldValue());
    }

    public function testUrlIsJsonEncodedSoItCannotBreakOutOfTheString(): void
    {
        $response = $this->dispatch('https://cdn.example.com/a"b</script>/');
        $body = $response->getBody();
        self::assertMatchesRegularExpression('/^importScripts\((".*")\);\n$/', $body);
        preg_match('/^importScripts\((".*")\);\n$/', $body, $m);
        self::assertSame(
            'https://cdn.example.com/a"b</script>/Bandeau_Cti/js/bandeau-worker.js',
            json_decode($m[1], false, 512, JSON_THROW_ON_ERROR)
        );
        self::assertStringNotContainsString('</script>', $body);
    }

    public function testRouteIsStableGetWithoutSecretKey(): void
    {
        self::assertTrue(is_subclass_of(Script::class, HttpGetActionInterface::class));
        self::assertSame('Bandeau_Cti::phone_bar', Script::ADMIN_RESOURCE);
        $property = new \ReflectionProperty(Script::class, '_publicActions');
        $controller = (new \ReflectionClass(Script::class))->newInstanceWithoutConstructor();
        self::assertContains('script', $property->getValue($controller));
    }
}
