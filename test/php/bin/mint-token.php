<?php

/**
 * Mints an agent token with the real Bandeau\Cti\Model\AgentTokenIssuer (configuration, ACL and
 * admin user are stand-ins), so the bridge's tests can check that PHP-minted tokens verify.
 *
 *   php test/php/bin/mint-token.php --secret S [--user-id 1] [--ext 1001] [--name "Ann Agent"]
 *       [--perms phone_bar,dial] [--ttl 900] [--now UNIX] [--json]
 *
 * Prints the token on stdout (or, with --json, {"token","expiresAt","claims"}).
 * The secret may also come from env BANDEAU_SECRET. Exit 2 on bad options or a refusal.
 */

declare(strict_types=1);

use Bandeau\Cti\Exception\AgentTokenException;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Agent\ExtensionRule;
use Bandeau\Cti\Model\AgentTokenIssuer;
use Bandeau\Cti\Model\Bridge\TokenIdClock;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Model\Permissions;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Magento\User\Model\User;

require dirname(__DIR__, 3) . '/vendor/autoload.php';

$fail = static function (string $message): never {
    fwrite(STDERR, 'mint-token: ' . $message . PHP_EOL);
    exit(2);
};

$options = getopt('', ['secret:', 'user-id:', 'ext:', 'name:', 'perms:', 'ttl:', 'now:', 'json', 'help']);
if ($options === false) {
    $fail('could not read the options');
}
if (isset($options['help'])) {
    fwrite(STDOUT, "usage: php test/php/bin/mint-token.php --secret S [--user-id N] [--ext E] [--name NAME]"
        . " [--perms a,b] [--ttl SECONDS] [--now UNIX] [--json]\n");
    exit(0);
}
foreach ($options as $key => $value) {
    if (is_array($value)) {
        $fail('--' . $key . ' given more than once');
    }
}

$secret = (string)($options['secret'] ?? getenv('BANDEAU_SECRET') ?: '');
$userId = (string)($options['user-id'] ?? '1');
if (!preg_match('/^[1-9][0-9]{0,9}$/', $userId)) {
    $fail('--user-id must be a positive integer');
}
$extension = (string)($options['ext'] ?? '1001');
$name = (string)($options['name'] ?? 'Test Agent');
$permList = array_values(array_filter(array_map('trim', explode(',', (string)($options['perms'] ?? 'phone_bar,dial')))));
foreach ($permList as $perm) {
    if (!isset(Permissions::MAP[$perm])) {
        $fail('unknown permission "' . $perm . '" (known: ' . implode(', ', array_keys(Permissions::MAP)) . ')');
    }
}
$ttl = $options['ttl'] ?? (string)Config::DEFAULT_TOKEN_TTL;
if (!preg_match('/^[0-9]+$/', (string)$ttl)) {
    $fail('--ttl must be a number of seconds');
}
$now = $options['now'] ?? (string)time();
if (!preg_match('/^[0-9]+$/', (string)$now)) {
    $fail('--now must be Unix seconds');
}

// Stored as the admin form stores it: the secret goes through its Encrypted backend model, and the
// module reads it back through the config stand-in that decrypts as Magento's does.
$scopeConfig = (new ArrayScopeConfig())
    ->set(Config::XML_PATH_BRIDGE_URL, 'http://127.0.0.1:8788')
    ->set(Config::XML_PATH_SHARED_SECRET, $secret)
    ->set(Config::XML_PATH_TOKEN_TTL, (string)$ttl);
$resources = array_map(static fn (string $perm): string => Permissions::MAP[$perm], $permList);
$issuer = new AgentTokenIssuer(
    Builders::configFrom($scopeConfig),
    new Permissions(new StaticAuthorization($resources)),
    new AgentProfile(),
    new FixedClock((int)$now),
    new ExtensionRule($scopeConfig, new AgentProfile()),
    new TokenIdClock()
);
$user = new User([
    'user_id' => $userId,
    'firstname' => $name,
    'lastname' => '',
    'username' => 'agent' . $userId,
    AgentProfile::FIELD_EXTENSION => $extension,
]);

try {
    $token = $issuer->issue($user);
} catch (AgentTokenException $e) {
    $fail($e->getReason() . ': ' . $e->getMessage());
}

if (isset($options['json'])) {
    fwrite(STDOUT, json_encode(
        ['token' => $token->getToken(), 'expiresAt' => $token->getExpiresAt(), 'claims' => $token->getClaims()],
        JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR
    ) . PHP_EOL);
} else {
    fwrite(STDOUT, $token->getToken() . PHP_EOL);
}
exit(0);
