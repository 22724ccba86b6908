<?php

/**
 * A Magento admin stand-in for the campaign pages, for PHP's built-in web server:
 *
 *   BANDEAU_SITE_DB=bandeau_test_site1 php -S 127.0.0.1:PORT test/php/bin/campaign-site.php
 *
 * The module's real templates (campaign/form.phtml, campaign/view.phtml) rendered with their real
 * view models, the real Preview and Progress controllers, the SQL on MariaDB (BANDEAU_TEST_DSN,
 * database BANDEAU_SITE_DB), the built RequireJS modules from view/adminhtml/web, and RequireJS
 * from npm. What Magento does around them is done as Magento does it:
 * - static files under /static/adminhtml/Magento/backend/en_US/<Module>/… come from the module's
 *   view/adminhtml/web (or view/base/web);
 * - `mage/apply/main` runs each <script type="text/x-magento-init">: for every selector and
 *   component, require([component]) and call the module's function with (config, element);
 * - admin requests need the session (cookie `admin_session`): without it an isAjax request gets
 *   {"ajaxExpired":1,"ajaxRedirect":…}; a POST needs the form key and a GET the URL's secret key,
 *   else {"error":true,"message":…} when isAjax is in the query string.
 * Test-only routes under /_test/ reset the data and move a build along.
 */

declare(strict_types=1);

use Bandeau\Cti\Controller\Adminhtml\Campaign\Preview;
use Bandeau\Cti\Controller\Adminhtml\Campaign\Progress;
use Bandeau\Cti\Model\Campaign\AudienceFilter;
use Bandeau\Cti\Model\Campaign\AudienceQuery;
use Bandeau\Cti\Model\Campaign\CallingHours;
use Bandeau\Cti\Model\Campaign\Campaign;
use Bandeau\Cti\Model\Campaign\CampaignFormParser;
use Bandeau\Cti\Model\Campaign\CampaignResults;
use Bandeau\Cti\Model\Campaign\FormOptions;
use Bandeau\Cti\Model\Campaign\IdList;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Campaign\Labels;
use Bandeau\Cti\Model\Campaign\ResultsChart;
use Bandeau\Cti\Model\Campaign\UtcTime;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Test\Support\CampaignFixtures;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\Test\Support\PdoAdapter;
use Bandeau\Cti\Test\Support\SchemaFixture;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Bandeau\Cti\ViewModel\CampaignForm;
use Bandeau\Cti\ViewModel\CampaignView;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Block\Template;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Escaper;

$root = dirname(__DIR__, 3);
require $root . '/vendor/autoload.php';
date_default_timezone_set('UTC');

const STATIC_BASE = '/static/adminhtml/Magento/backend/en_US/';
const SECRET_KEY = 'a1b2c3';
const SESSION_COOKIE = 'admin_session';

/** Magento's mage/apply/main, as far as x-magento-init goes (written from its behaviour). */
const MAGE_APPLY_MAIN = <<<'JS'
define(function () {
    'use strict';
    function init(el, config, component) {
        require([component], function (fn) {
            if (typeof fn === 'object') {
                fn = fn[component].bind(fn);
            }
            if (typeof fn !== 'function') {
                return;
            }
            setTimeout(fn.bind(null, config, el));
        }, function (error) {
            console.error(error);
            return true;
        });
    }
    return {
        apply: function () {
            document.querySelectorAll('script[type="text/x-magento-init"]').forEach(function (script) {
                var spec = JSON.parse(script.textContent);
                Object.keys(spec).forEach(function (selector) {
                    var elements = selector === '*' ? [false] : Array.from(document.querySelectorAll(selector));
                    elements.forEach(function (el) {
                        Object.keys(spec[selector]).forEach(function (component) {
                            init(el, spec[selector][component], component);
                        });
                    });
                });
            });
        }
    };
});
JS;

$path = (string)parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
$origin = 'http://' . ($_SERVER['HTTP_HOST'] ?? '127.0.0.1');
$adminBase = $origin . '/admin/';

$send = static function (int $status, string $type, string $body): void {
    http_response_code($status);
    header('Content-Type: ' . $type);
    header('Cache-Control: no-store');
    echo $body;
};

// Static files, as Magento's static content deployment lays them out.
if ($path === '/favicon.ico') {
    http_response_code(204);
    return true;
}
if ($path === '/static/requirejs/require.js') {
    $send(200, 'application/javascript', (string)file_get_contents($root . '/node_modules/requirejs/require.js'));
    return true;
}
if (str_starts_with($path, STATIC_BASE)) {
    $rest = substr($path, strlen(STATIC_BASE));
    if ($rest === 'mage/apply/main.js') {
        $send(200, 'application/javascript', MAGE_APPLY_MAIN);
        return true;
    }
    if (preg_match('#^Bandeau_Cti/((?:js|template)/[A-Za-z0-9_./-]+)$#', $rest, $m) && !str_contains($m[1], '..')) {
        foreach (['adminhtml', 'base'] as $area) {
            $file = $root . '/app/code/Bandeau/Cti/view/' . $area . '/web/' . $m[1];
            if (is_file($file)) {
                $send(200, str_ends_with($file, '.js') ? 'application/javascript' : 'text/html', (string)file_get_contents($file));
                return true;
            }
        }
    }
    $send(404, 'text/plain', 'Unable to resolve the source file for ' . $rest);
    return true;
}

// The database: one per e2e run, named by BANDEAU_SITE_DB.
$siteDb = (string)getenv('BANDEAU_SITE_DB');
if (!preg_match('/^bandeau_test\w{1,40}$/', $siteDb)) {
    $send(500, 'text/plain', 'BANDEAU_SITE_DB must name a bandeau_test* database');
    return true;
}
$db = PdoAdapter::fromUrl(getenv('BANDEAU_TEST_DSN') ?: 'mysql://bandeau:bandeau@127.0.0.1:33306/bandeau_test');
$db->getPdo()->exec(sprintf('CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4', $siteDb));
$db->getPdo()->exec(sprintf('USE `%s`', $siteDb));
$fx = new CampaignFixtures($db);
$tables = $fx->tables();
$clock = new FixedClock(CampaignFixtures::NOW);
$url = new FakeBackendUrl($adminBase, SECRET_KEY);

if (str_starts_with($path, '/_test/')) {
    $id = (int)($_GET['id'] ?? 0);
    switch ($path) {
        case '/_test/reset':
            foreach (SchemaFixture::statements() as $statement) {
                $db->getPdo()->exec($statement);
            }
            $fx->basics();
            $agent = $fx->agent('1001', 'Ann');
            // In the form's default window (1 to 168 hours, any value): three carts of two customers
            // with a number; a cart of a customer without one; a 30 € cart of a wholesale customer.
            $c1 = $fx->customer('+33612345001');
            $fx->cart($c1, 5);
            $c2 = $fx->customer('+33612345002');
            $fx->cart($c2, 30);
            $fx->cart($c2, 10);
            $fx->cart($fx->customer(null), 5);
            $c4 = $fx->customer('+33612345004', ['group_id' => 2]);
            $fx->cart($c4, 5, ['grand_total' => 30, 'base_grand_total' => 30]);
            $campaign = $fx->campaign([$agent], [
                'name' => 'Spring carts <b>',
                'audience' => new AudienceFilter(1, 168, 0.0),
                'status' => Campaign::STATUS_BUILDING,
            ]);
            $send(200, 'application/json', json_encode(['campaignId' => $campaign]));
            return true;
        case '/_test/build/start':
            $progress = $fx->progress();
            $progress->init($id, (new AudienceQuery($tables))->countCandidates(
                $fx->repository()->get($id)->audience,
                CampaignFixtures::NOW
            ));
            $progress->start($id, CampaignFixtures::NOW);
            break;
        case '/_test/build/advance':
            // As a slice of the builder does: one more cart scanned.
            $fx->progress()->advance($id, 1, 0, 0);
            break;
        case '/_test/build/finish':
            $fx->builder()->build($id);
            break;
        case '/_test/drop':
            $db->getPdo()->exec(sprintf('DROP DATABASE IF EXISTS `%s`', $siteDb));
            break;
        default:
            $send(404, 'text/plain', 'no such test route');
            return true;
    }
    $send(200, 'application/json', json_encode(['progress' => $fx->progress()->get($id)]));
    return true;
}

// The admin: /admin/bandeau/campaign/<action>/<param>/<value>/…
$isAjax = isset($_GET['isAjax']) || isset($_POST['isAjax']);
if (!isset($_COOKIE[SESSION_COOKIE])) {
    if ($isAjax) {
        $send(200, 'application/json', json_encode(['ajaxExpired' => 1, 'ajaxRedirect' => $adminBase]));
    } else {
        $send(200, 'text/html', '<!doctype html><title>Magento Admin</title><h1>Welcome, please sign in</h1>');
    }
    return true;
}
if (!preg_match('#^/admin/bandeau/campaign/(\w+)/((?:[\w-]+/[^/]*/)*)$#', $path, $m)) {
    $send(404, 'text/html', '<!doctype html><title>404</title><h1>404 Not Found</h1>');
    return true;
}
$action = $m[1];
$params = [];
$pairs = explode('/', rtrim($m[2], '/'));
for ($i = 0; $i + 1 < count($pairs); $i += 2) {
    $params[$pairs[$i]] = rawurldecode($pairs[$i + 1]);
}
$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
$validKeys = $method === 'POST'
    ? ($_POST['form_key'] ?? null) === Template::FORM_KEY
    : ($params['key'] ?? null) === SECRET_KEY;
if (!$validKeys) {
    $message = $method === 'POST'
        ? 'Invalid Form Key. Please refresh the page.'
        : 'You entered an invalid Secret Key. Please refresh the page.';
    if (isset($_GET['isAjax'])) {
        $send(200, 'application/json', json_encode(['error' => true, 'message' => $message]));
    } else {
        http_response_code(302);
        header('Location: ' . $adminBase);
    }
    return true;
}

$request = new Request($params + $_GET, $method, $_POST);
$context = new Context($request, new StaticAuthorization([Preview::ADMIN_RESOURCE]));
$repository = $fx->repository();
$renderPage = static function (string $title, string $template, object $viewModel) use ($root): string {
    $block = new Template(['view_model' => $viewModel]);
    $escaper = new Escaper();
    $content = (static function (string $file) use ($block, $escaper): string {
        ob_start();
        include $file;
        return (string)ob_get_clean();
    })($root . '/app/code/Bandeau/Cti/view/adminhtml/templates/campaign/' . $template);
    return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>'
        . htmlspecialchars($title) . ' / Magento Admin</title>'
        . '<script src="/static/requirejs/require.js"></script>'
        . '<script>require.config(' . json_encode(['baseUrl' => STATIC_BASE]) . ');'
        . 'require(["mage/apply/main"], function (main) {'
        . ' if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main.apply);'
        . ' else main.apply(); });</script>'
        . '</head><body><main id="anchor-content" class="page-content">' . $content . '</main></body></html>';
};
$controllerReply = static function ($controller): void {
    $response = new Response();
    $controller->execute()->renderResult($response);
    http_response_code((int)($response->getHttpResponseCode() ?: 200));
    $type = $response->getHeader('Content-Type');
    header('Content-Type: ' . ($type ? $type->getFieldValue() : 'application/json'));
    echo $response->getBody();
};

switch ($action) {
    case 'new':
        $send(200, 'text/html', $renderPage(
            'New Call Campaign',
            'form.phtml',
            new CampaignForm(new FormOptions($tables, $repository), $url)
        ));
        break;
    case 'view':
        $send(200, 'text/html', $renderPage('Call Campaign', 'view.phtml', new CampaignView(
            $request,
            $repository,
            $fx->progress(),
            new CampaignResults($tables),
            new ResultsChart(),
            new FormOptions($tables, $repository),
            $url,
            new Labels()
        )));
        break;
    case 'preview':
        $controllerReply(new Preview(
            $context,
            new JsonFactory(),
            new CampaignFormParser(new CallingHours(), new IdList(), new UtcTime()),
            new AudienceQuery($tables),
            $clock,
            new JsonReply()
        ));
        break;
    case 'progress':
        $controllerReply(new Progress($context, new JsonFactory(), $repository, $fx->progress(), new JsonReply()));
        break;
    default:
        $send(404, 'text/html', '<!doctype html><title>404</title><h1>404 Not Found</h1>');
}
return true;
