<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Magento\Backend\Block\Template;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\Response\Http as Response;
use Magento\Framework\Escaper;

/**
 * The Magento admin stand-in the e2e sites run under PHP's built-in web server
 * (test/php/bin/*-site.php): each site script registers its own pages and test routes, this kernel
 * does what Magento does around them, as Magento does it:
 * - static files under /static/adminhtml/Magento/backend/en_US/Bandeau_Cti/… come from the module's
 *   view/adminhtml/web (or view/base/web), RequireJS from npm;
 * - `mage/apply/main` runs each <script type="text/x-magento-init">: for every selector and
 *   component, require([component]) and call the module's function with (config, element);
 * - admin requests need the session (cookie `admin_session`): without it an isAjax request gets
 *   {"ajaxExpired":1,"ajaxRedirect":…}, a page the sign-in page; a POST needs the form key and a
 *   GET the URL's secret key (Magento's AbstractAction::_processUrlKeys), else
 *   {"error":true,"message":…} when isAjax is in the query string, a redirect to the admin otherwise;
 * - admin URLs are /admin/<frontName>/<controller>/<action>/<param>/<value>/…/key/<secret>/.
 * Routes under /_test/ are the test's own (no session): reset data, move things along.
 */
final class AdminSite
{
    public const STATIC_BASE = '/static/adminhtml/Magento/backend/en_US/';
    public const SECRET_KEY = 'a1b2c3';
    public const SESSION_COOKIE = 'admin_session';
    public const SESSION_VALUE = 'ok';

    /** Magento's mage/apply/main, as far as x-magento-init goes (written from its behaviour). */
    private const MAGE_APPLY_MAIN = <<<'JS'
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

    /** A little of the Magento admin's look, so screenshots show pages as merchants see them. */
    public const BASE_CSS = <<<'CSS'
html { font-size: 62.5%; } /* Magento admin: 1rem = 10px */
body { margin: 0; font: 14px/1.36 "Open Sans", "Helvetica Neue", Arial, sans-serif; color: #303030; background: #fff; }
.page-header { background: #f8f8f8; border-bottom: 1px solid #e3e3e3; padding: 24px 32px; }
.page-header h1 { margin: 0; font-size: 28px; font-weight: 300; }
.page-content { padding: 24px 32px; }
.admin__control-text { border: 1px solid #adadad; padding: 6px 10px; font-size: 14px; width: 260px; }
.action-secondary { background: #514943; border: 1px solid #514943; color: #fff; padding: 7px 16px; font-size: 14px; font-weight: 600; cursor: pointer; margin-left: 8px; }
.action-secondary[disabled] { opacity: .5; }
.message { padding: 10px 14px; margin: 10px 0; }
.message-error { background: #fae5e5; color: #b30000; }
.message-warning { background: #fffbbb; color: #6f4400; }
.action-default { background: #e3e3e3; border: 1px solid #adadad; color: #514943; padding: 6px 14px; font-size: 14px; font-weight: 600; }
.action-default[disabled] { opacity: .5; }
.admin__control-select, .admin__control-multiselect { border: 1px solid #adadad; padding: 5px 8px; font-size: 14px; background: #fff; }
CSS;

    public readonly string $root;
    public readonly string $origin;
    public readonly string $adminBase;

    /** @var array<string, callable(Request, array<string, string>): void> by "frontName/controller/action" */
    private array $pages = [];
    /** @var array<string, callable(array<string, mixed>): void> by the path after /_test/ */
    private array $testRoutes = [];
    private ?PdoAdapter $db = null;

    public function __construct(?string $root = null)
    {
        $this->root = $root ?? dirname(__DIR__, 2);
        $this->origin = 'http://' . ($_SERVER['HTTP_HOST'] ?? '127.0.0.1');
        $this->adminBase = $this->origin . '/admin/';
    }

    /**
     * An admin action, e.g. 'bandeau/campaign/view' for /admin/bandeau/campaign/view/id/4/key/…/;
     * the handler gets Magento's request (route params + query, POST) and the route params.
     *
     * @param callable(Request, array<string, string>): void $handler
     */
    public function admin(string $route, callable $handler): self
    {
        $this->pages[trim($route, '/')] = $handler;
        return $this;
    }

    /**
     * A test-only route /_test/<name> (no session needed), given the query string.
     *
     * @param callable(array<string, mixed>): void $handler
     */
    public function test(string $name, callable $handler): self
    {
        $this->testRoutes[trim($name, '/')] = $handler;
        return $this;
    }

    /** The admin URL builder the module's view models get (secret key included). */
    public function url(): FakeBackendUrl
    {
        return new FakeBackendUrl($this->adminBase, self::SECRET_KEY);
    }

    /**
     * The site's MariaDB database, one per e2e run: BANDEAU_SITE_DB names it (bandeau_test*), on the
     * server of BANDEAU_TEST_DSN; created when missing. /_test/drop drops it.
     */
    public function database(): PdoAdapter
    {
        if ($this->db !== null) {
            return $this->db;
        }
        $name = $this->siteDatabaseName();
        $db = PdoAdapter::fromUrl(getenv('BANDEAU_TEST_DSN') ?: 'mysql://bandeau:bandeau@127.0.0.1:23306/bandeau_test');
        $db->getPdo()->exec(sprintf('CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4', $name));
        $db->getPdo()->exec(sprintf('USE `%s`', $name));
        return $this->db = $db;
    }

    /** Creates the module's tables anew (from db_schema.xml, as the SQL tests do). */
    public function resetSchema(): void
    {
        foreach (SchemaFixture::statements() as $statement) {
            $this->database()->getPdo()->exec($statement);
        }
    }

    public function send(int $status, string $type, string $body): void
    {
        http_response_code($status);
        header('Content-Type: ' . $type);
        header('Cache-Control: no-store');
        echo $body;
    }

    public function html(string $body, int $status = 200): void
    {
        $this->send($status, 'text/html; charset=UTF-8', $body);
    }

    public function json(mixed $data, int $status = 200): void
    {
        $this->send($status, 'application/json', (string)json_encode($data));
    }

    public function notFound(): void
    {
        $this->html('<!doctype html><title>404</title><h1>404 Not Found</h1>', 404);
    }

    /** Renders a module template (path under view/adminhtml/templates) with its view model, as a Block. */
    public function template(string $template, object $viewModel, array $data = []): string
    {
        $block = new Template(['view_model' => $viewModel] + $data);
        $escaper = new Escaper();
        $file = $this->root . '/app/code/Bandeau/Cti/view/adminhtml/templates/' . $template;
        return (static function (string $file) use ($block, $escaper): string {
            ob_start();
            include $file;
            return (string)ob_get_clean();
        })($file);
    }

    /**
     * The content of a layout handle (view/adminhtml/layout/<handle>.xml) as Magento's layout would
     * render it: each template block of the module in document order, its view_model argument made
     * by $viewModels (given the class the layout names).
     *
     * @param callable(string): object $viewModels
     */
    public function layout(string $handle, callable $viewModels): string
    {
        $xml = simplexml_load_file($this->root . '/app/code/Bandeau/Cti/view/adminhtml/layout/' . $handle . '.xml');
        if ($xml === false) {
            throw new \RuntimeException('No layout handle ' . $handle);
        }
        $html = '';
        foreach ($xml->xpath('//block[@template]') ?: [] as $block) {
            $template = (string)$block['template'];
            if (!str_starts_with($template, 'Bandeau_Cti::')) {
                throw new \RuntimeException('Not a template of the module: ' . $template);
            }
            $viewModel = $block->xpath('arguments/argument[@name="view_model"]');
            $class = $viewModel ? trim((string)$viewModel[0]) : '';
            $html .= $this->template(substr($template, strlen('Bandeau_Cti::')), $viewModels($class));
        }
        return $html;
    }

    /**
     * An admin page: the title, the admin's base look, RequireJS configured on the static base,
     * mage/apply/main run once the DOM is there, the content in the admin's #anchor-content;
     * $head adds to the <head> (styles), $header comes before the content.
     */
    public function page(string $title, string $content, string $head = '', string $header = ''): string
    {
        return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>'
            . htmlspecialchars($title) . ' / Magento Admin</title>'
            . '<style>' . self::BASE_CSS . '</style>' . $head
            . '<script src="/static/requirejs/require.js"></script>'
            . '<script>require.config(' . json_encode(['baseUrl' => self::STATIC_BASE]) . ');'
            . 'require(["mage/apply/main"], function (main) {'
            . ' if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main.apply);'
            . ' else main.apply(); });</script>'
            . '</head><body>' . $header . '<main id="anchor-content" class="page-content">' . $content
            . '</main></body></html>';
    }

    /** Runs an admin controller and sends its result as Magento's front controller would. */
    public function reply(object $controller): void
    {
        $response = new Response();
        $controller->execute()->renderResult($response);
        http_response_code((int)($response->getHttpResponseCode() ?: 200));
        $type = $response->getHeader('Content-Type');
        header('Content-Type: ' . ($type ? $type->getFieldValue() : 'application/json'));
        $disposition = $response->getHeader('Content-Disposition');
        if ($disposition) {
            header('Content-Disposition: ' . $disposition->getFieldValue());
        }
        echo $response->getBody();
    }

    /** Serves the request; the site script returns what this returns to PHP's built-in server. */
    public function run(): bool
    {
        $path = (string)parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
        if ($path === '/favicon.ico') {
            http_response_code(204);
            return true;
        }
        if ($path === '/static/requirejs/require.js') {
            $requireJs = (string)file_get_contents($this->root . '/node_modules/requirejs/require.js');
            $this->send(200, 'application/javascript', $requireJs);
            return true;
        }
        if (str_starts_with($path, self::STATIC_BASE)) {
            $this->staticFile(substr($path, strlen(self::STATIC_BASE)));
            return true;
        }
        if (str_starts_with($path, '/_test/')) {
            $this->testRoute(substr($path, strlen('/_test/')));
            return true;
        }
        $this->adminRoute($path);
        return true;
    }

    private function staticFile(string $rest): void
    {
        if ($rest === 'mage/apply/main.js') {
            $this->send(200, 'application/javascript', self::MAGE_APPLY_MAIN);
            return;
        }
        $file = preg_match('#^Bandeau_Cti/((?:js|template|css)/[A-Za-z0-9_./-]+)$#', $rest, $m) ? $m[1] : '..';
        if (!str_contains($file, '..')) {
            foreach (['adminhtml', 'base'] as $area) {
                $path = $this->root . '/app/code/Bandeau/Cti/view/' . $area . '/web/' . $file;
                if (is_file($path)) {
                    $type = match (pathinfo($path, PATHINFO_EXTENSION)) {
                        'js' => 'application/javascript',
                        'css' => 'text/css',
                        default => 'text/html',
                    };
                    $this->send(200, $type, (string)file_get_contents($path));
                    return;
                }
            }
        }
        $this->send(404, 'text/plain', 'Unable to resolve the source file for ' . $rest);
    }

    private function testRoute(string $name): void
    {
        if ($name === 'drop') {
            $this->database()->getPdo()->exec(sprintf('DROP DATABASE IF EXISTS `%s`', $this->siteDatabaseName()));
            $this->json(['dropped' => true]);
            return;
        }
        $handler = $this->testRoutes[$name] ?? null;
        if ($handler === null) {
            $this->send(404, 'text/plain', 'no such test route');
            return;
        }
        $handler($_GET);
    }

    private function adminRoute(string $path): void
    {
        $isAjax = isset($_GET['isAjax']) || isset($_POST['isAjax']);
        if ($path === '/admin/' || ($_COOKIE[self::SESSION_COOKIE] ?? '') !== self::SESSION_VALUE) {
            if ($isAjax) {
                $this->json(['ajaxExpired' => 1, 'ajaxRedirect' => $this->adminBase]);
            } else {
                $this->html('<!doctype html><title>Magento Admin</title><h1>Welcome, please sign in</h1>');
            }
            return;
        }
        if (!preg_match('#^/admin/(\w+/\w+/\w+)/((?:[\w-]+/[^/]*/)*)$#', $path, $m) || !isset($this->pages[$m[1]])) {
            $this->notFound();
            return;
        }
        $params = [];
        $pairs = explode('/', rtrim($m[2], '/'));
        for ($i = 0; $i + 1 < count($pairs); $i += 2) {
            $params[$pairs[$i]] = rawurldecode($pairs[$i + 1]);
        }
        $method = (string)($_SERVER['REQUEST_METHOD'] ?? 'GET');
        $valid = $method === 'POST'
            ? ($_POST['form_key'] ?? null) === Template::FORM_KEY
            : ($params['key'] ?? null) === self::SECRET_KEY;
        if (!$valid) {
            $message = $method === 'POST'
                ? 'Invalid Form Key. Please refresh the page.'
                : 'You entered an invalid Secret Key. Please refresh the page.';
            if (isset($_GET['isAjax'])) {
                $this->json(['error' => true, 'message' => $message]);
            } else {
                http_response_code(302);
                header('Location: ' . $this->adminBase);
            }
            return;
        }
        ($this->pages[$m[1]])(new Request($params + $_GET, $method, $_POST), $params);
    }

    private function siteDatabaseName(): string
    {
        $name = (string)getenv('BANDEAU_SITE_DB');
        if (!preg_match('/^bandeau_test\w{1,40}$/', $name)) {
            throw new \RuntimeException('BANDEAU_SITE_DB must name a bandeau_test* database');
        }
        return $name;
    }
}
