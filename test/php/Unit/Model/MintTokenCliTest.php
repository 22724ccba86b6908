<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Model;

use Firebase\JWT\JWT;
use Firebase\JWT\Key;
use PHPUnit\Framework\TestCase;

/**
 * test/php/bin/mint-token.php is what the bridge's tests call; check its contract here too.
 */
class MintTokenCliTest extends TestCase
{
    private const SECRET = 'cli-secret-0123456789abcdef0123456789';

    protected function tearDown(): void
    {
        JWT::$timestamp = null;
    }

    /**
     * @return array{0: int, 1: string, 2: string}
     */
    private function runCli(array $args): array
    {
        $command = array_merge([PHP_BINARY, __DIR__ . '/../../bin/mint-token.php'], $args);
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, ['PATH' => getenv('PATH')]);
        $stdout = stream_get_contents($pipes[1]);
        $stderr = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        return [proc_close($process), (string)$stdout, (string)$stderr];
    }

    public function testPrintsAVerifiableToken(): void
    {
        [$code, $out, $err] = $this->runCli([
            '--secret', self::SECRET, '--user-id', '12', '--ext', '2001', '--name', 'Zoé Agent',
            '--perms', 'phone_bar,dial,all_calls', '--ttl', '600', '--now', '1800000000',
        ]);
        self::assertSame(0, $code, $err);
        $token = trim($out);
        self::assertSame(2, substr_count($token, '.'));
        JWT::$timestamp = 1800000001;
        $claims = (array)JWT::decode($token, new Key(self::SECRET, 'HS256'));
        self::assertSame('12', $claims['sub']);
        self::assertSame('2001', $claims['ext']);
        self::assertSame('Zoé Agent', $claims['name']);
        self::assertSame(['phone_bar', 'dial', 'all_calls'], $claims['perms']);
        self::assertSame(1800000000, $claims['iat']);
        self::assertSame(1800000600, $claims['exp']);
        self::assertSame('bandeau-magento', $claims['iss']);
        self::assertSame('bandeau-bridge', $claims['aud']);
    }

    public function testJsonOutput(): void
    {
        [$code, $out] = $this->runCli(['--secret', self::SECRET, '--now', '1800000000', '--json']);
        self::assertSame(0, $code);
        $json = json_decode($out, true, 512, JSON_THROW_ON_ERROR);
        self::assertSame(1800000900, $json['expiresAt']);
        self::assertSame(['phone_bar', 'dial'], $json['claims']['perms']);
    }

    public function testRefusalsExitWithTwo(): void
    {
        [$code, $out, $err] = $this->runCli(['--secret', 'short']);
        self::assertSame(2, $code);
        self::assertSame('', $out);
        self::assertStringContainsString('not_configured', $err);

        [$code, , $err] = $this->runCli(['--secret', self::SECRET, '--perms', 'dial']);
        self::assertSame(2, $code);
        self::assertStringContainsString('forbidden', $err);

        [$code, , $err] = $this->runCli(['--secret', self::SECRET, '--perms', 'phone_bar,fly']);
        self::assertSame(2, $code);
        self::assertStringContainsString('unknown permission', $err);
    }
}
