<?php

/**
 * Magento's REST side of the call log for the bridges' outboxes, for PHP's built-in web server:
 *
 *   BANDEAU_SITE_DB=bandeau_test_calls1 BANDEAU_SITE_TOKEN=… php -S 127.0.0.1:PORT test/php/bin/calls-site.php
 *
 * The module's real services on MariaDB (BANDEAU_TEST_DSN, database BANDEAU_SITE_DB):
 * POST /rest[/<store>]/V1/bandeau/calls runs CallManagementInterface::upsert (CallManagement,
 * CallRepository::save: INSERT … ON DUPLICATE KEY UPDATE on call_id) and
 * POST /rest[/<store>]/V1/bandeau/lookup runs CallerLookupInterface::lookup, both behind the
 * integration's Bearer token (BANDEAU_SITE_TOKEN) and answered as Magento's REST layer writes
 * them. /_test/reset makes the tables anew with two agents (Alice 7001, Bruno 7002); tests read
 * bandeau_call with SQL, and count the upserts by the `calls-site: upsert <call id>` lines on stderr.
 */

declare(strict_types=1);

use Bandeau\Cti\Api\CallerLookupInterface;
use Bandeau\Cti\Api\CallManagementInterface;
use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Test\Support\AdminSite;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\WebapiOutput;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Exception\InputException;
use Magento\Framework\Exception\LocalizedException;

$root = dirname(__DIR__, 3);
require $root . '/vendor/autoload.php';
date_default_timezone_set('UTC');

$site = new AdminSite($root);

$site->test('reset', static function () use ($site): void {
    $site->resetSchema();
    $insert = $site->database()->getPdo()->prepare(
        'INSERT INTO admin_user (user_id, username, firstname, lastname, bandeau_extension, is_active)'
        . ' VALUES (?, ?, ?, ?, ?, 1)'
    );
    foreach ([[1, 'alice', 'Alice', 'Martin', '7001'], [2, 'bruno', 'Bruno', 'Petit', '7002']] as $user) {
        $insert->execute($user);
    }
    $site->json(['users' => 2]);
});

/** Magento's REST error body: the message with %placeholders and their parameters. */
$restError = static function (int $status, string $message, array $parameters = []) use ($site): void {
    $site->json($parameters === [] ? ['message' => $message] : ['message' => $message, 'parameters' => $parameters], $status);
};

$path = (string)parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
if (!preg_match('#^/rest(?:/[a-z0-9_]+)?/V1/bandeau/(calls|lookup)$#', $path, $route)) {
    return $site->run();
}
if (($_SERVER['REQUEST_METHOD'] ?? 'GET') !== 'POST') {
    $restError(404, 'Request does not match any route.');
    return true;
}
$token = (string)getenv('BANDEAU_SITE_TOKEN');
$authorization = (string)($_SERVER['HTTP_AUTHORIZATION'] ?? '');
if ($token === '' || !hash_equals('Bearer ' . $token, $authorization)) {
    $restError(401, 'The consumer isn\'t authorized to access %resources.', ['resources' => 'Bandeau_Cti::api']);
    return true;
}
try {
    $body = json_decode((string)file_get_contents('php://input'), true, 64, JSON_THROW_ON_ERROR);
} catch (\JsonException $e) {
    $restError(400, 'Decoding error: ' . $e->getMessage());
    return true;
}
$resource = new ResourceConnection($site->database());
try {
    if ($route[1] === 'calls') {
        // Magento's input processor builds the declared type from {"call": {...}}: unknown keys dropped.
        if (!is_array($body) || !is_array($body['call'] ?? null)) {
            throw new InputException(__('"%fieldName" is required. Enter and try again.', ['fieldName' => 'call']));
        }
        $management = Builders::callManagement($resource, Builders::callRepository($resource), time());
        $saved = $management->upsert(new Call(array_intersect_key($body['call'], array_flip(CallInterface::FIELDS))));
        $site->send(200, 'application/json', WebapiOutput::json($saved, CallManagementInterface::class, 'upsert'));
        // PHP's server logs no request line for a router script: one line per stored record, for tests.
        file_put_contents('php://stderr', 'calls-site: upsert ' . $saved->getCallId() . "\n");
    } else {
        if (!is_array($body) || !is_string($body['phone'] ?? null)) {
            throw new InputException(__('"%fieldName" is required. Enter and try again.', ['fieldName' => 'phone']));
        }
        $lookup = Builders::callerLookup($resource, Builders::config());
        $site->send(200, 'application/json', WebapiOutput::json($lookup->lookup($body['phone']), CallerLookupInterface::class, 'lookup'));
    }
} catch (LocalizedException $e) {
    $restError(400, $e->getRawMessage(), $e->getParameters());
} catch (\TypeError $e) {
    // A field of the wrong type: Magento's input processor refuses it before the service runs.
    $restError(400, 'The request has a value of the wrong type.');
}
return true;
