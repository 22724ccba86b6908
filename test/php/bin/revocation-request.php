<?php

/**
 * Builds the revocation Magento sends the bridge, with the real Bandeau\Cti\Model\Bridge\TokenRevoker
 * (configuration is a stand-in, the transport only records), so the bridge's tests can POST it.
 *
 *   php test/php/bin/revocation-request.php --secret S --user-id N [--reason logout] [--admin-url URL]
 *
 * Prints {"url","body","headers"} on stdout. Exit 2 on bad options or when nothing would be sent.
 */

declare(strict_types=1);

use Bandeau\Cti\Model\Bridge\BridgeNotifier;
use Bandeau\Cti\Model\Bridge\RevocationTransportInterface;
use Bandeau\Cti\Model\Bridge\TokenIdClock;
use Bandeau\Cti\Model\Bridge\TokenRevoker;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\Builders;
use Psr\Log\NullLogger;

require dirname(__DIR__, 3) . '/vendor/autoload.php';

$options = getopt('', ['secret:', 'user-id:', 'reason:', 'admin-url:']);
$secret = (string)($options['secret'] ?? '');
$userId = (string)($options['user-id'] ?? '');
if (!preg_match('/^[1-9][0-9]{0,9}$/', $userId)) {
    fwrite(STDERR, "revocation-request: --user-id must be a positive integer\n");
    exit(2);
}
$scopeConfig = (new ArrayScopeConfig())
    ->set(Config::XML_PATH_SHARED_SECRET, $secret)
    ->set(Config::XML_PATH_BRIDGE_ADMIN_URL, (string)($options['admin-url'] ?? 'http://127.0.0.1:8789'));
$transport = new class implements RevocationTransportInterface {
    /** @var array{url: string, body: string, headers: array<string, string>}|null */
    public ?array $sent = null;

    public function post(string $url, string $body, array $headers): int
    {
        $this->sent = ['url' => $url, 'body' => $body, 'headers' => $headers];
        return 200;
    }
};
$revoker = new TokenRevoker(new TokenIdClock(), new FixedClock(time()), new BridgeNotifier(Builders::configFrom($scopeConfig), $transport), new NullLogger());
if (!$revoker->revoke((int)$userId, (string)($options['reason'] ?? TokenRevoker::REASON_LOGOUT)) || $transport->sent === null) {
    fwrite(STDERR, "revocation-request: nothing would be sent (secret or admin URL missing)\n");
    exit(2);
}
fwrite(STDOUT, json_encode($transport->sent, JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR) . PHP_EOL);
exit(0);
