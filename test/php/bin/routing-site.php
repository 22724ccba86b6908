<?php

/**
 * A Magento admin stand-in for the call routing section's "Test a number" box, for PHP's
 * built-in web server:
 *
 *   php -S 127.0.0.1:PORT test/php/bin/routing-site.php
 *
 * The module's real box (Block/Adminhtml/Routing/TestBox, templates/routing/test-box.phtml) in a
 * Stores > Configuration page shell, the real Routing/Test controller, the built RequireJS module
 * from view/adminhtml/web, on the admin kernel of test/php/Support/AdminSite.php (static files,
 * RequireJS, mage/apply/main, session, form key and secret key as Magento checks them). The tester
 * behind the controller answers from a small directory (below): the evaluator itself is tested
 * against test/fixtures/routing/cases.json.
 */

declare(strict_types=1);

use Bandeau\Cti\Api\Data\RoutingConditionsInterface;
use Bandeau\Cti\Api\Data\RoutingExplanationInterface;
use Bandeau\Cti\Api\Data\RoutingRuleInterface;
use Bandeau\Cti\Api\Data\RoutingRuleSetInterface;
use Bandeau\Cti\Api\RoutingRulesInterface;
use Bandeau\Cti\Api\RoutingTesterInterface;
use Bandeau\Cti\Controller\Adminhtml\Routing\Test;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\Routing\Data\RoutingCallerFacts;
use Bandeau\Cti\Model\Routing\Data\RoutingCustomer;
use Bandeau\Cti\Model\Routing\Data\RoutingExplanation;
use Bandeau\Cti\Model\Routing\Data\RoutingFallback;
use Bandeau\Cti\Model\Routing\Data\RoutingOrder;
use Bandeau\Cti\Model\Routing\Data\RoutingRuleRef;
use Bandeau\Cti\Model\Routing\Data\RoutingRuleSet;
use Bandeau\Cti\Model\Routing\Data\RoutingShipment;
use Bandeau\Cti\Model\Routing\Data\RoutingWhy;
use Bandeau\Cti\Test\Support\AdminSite;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Bandeau\Cti\Model\Config\Backend\RoutingRules;
use Bandeau\Cti\Test\Unit\Block\RoutingRulesEditorTest;
use Bandeau\Cti\Test\Unit\Block\RoutingTestBoxTest;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Block\Template;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\Controller\Result\JsonFactory;
use Psr\Log\NullLogger;

$root = dirname(__DIR__, 3);
require $root . '/vendor/autoload.php';
date_default_timezone_set('UTC');

/** The config form's look in Magento's admin, over the kernel's base admin look. */
const ADMIN_CSS = <<<'CSS'
.entry-edit-head { border-bottom: 1px solid #cccccc; padding: 16px 0; font-size: 17px; font-weight: 600; }
fieldset.config { border: 0; margin: 0; padding: 16px 0; }
fieldset.config > .comment { color: #666; margin: 0 0 16px; }
table.form-list { width: 100%; border-collapse: collapse; }
table.form-list td.label { width: 30%; text-align: right; padding: 8px 24px 8px 0; vertical-align: top; font-weight: 600; }
table.form-list td.value { padding: 8px 0; vertical-align: top; }
.bandeau-routing-test-result { margin-top: 12px; max-width: 720px; }
.bandeau-routing-test-result dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0; }
.bandeau-routing-test-result dt { font-weight: 600; }
.bandeau-routing-test-result dd { margin: 0; overflow-wrap: anywhere; }
.bandeau-routing-headline { font-weight: 600; font-size: 15px; }
/* What Magento's admin styles do to the config form's content (Magento_Backend styles.css): the
   page is an .accordion, which hides every dd and legend and right-aligns labels. */
.accordion dd { border-bottom: 1px solid #cccccc; display: none; }
.accordion .config legend { display: none; }
.accordion .config td { padding: 2.2rem 1.5rem 0 0; vertical-align: top; }
.accordion .config td[colspan] { padding: 0; }
.accordion .config input[type='text'], .accordion .config select { width: 100%; }
.accordion .config .label { text-align: right; width: 33%; }
CSS;

$site = new AdminSite($root);

$site->admin('admin/system_config/edit', static function (Request $request, array $params) use ($site): void {
    if (($params['section'] ?? '') !== 'bandeau_routing') {
        $site->notFound();
        return;
    }
    $row = RoutingTestBoxTest::render($site->url());
    $rules = RoutingRulesEditorTest::render(RoutingRulesEditorTest::defaultRows())[1];
    $site->html($site->page(
        'Configuration / Settings / Stores',
        '<form id="config-edit-form" method="post" action="/admin/admin/system_config/save/section/bandeau_routing/">'
        . '<input name="form_key" type="hidden" value="' . Template::FORM_KEY . '"/>'
        . '<div class="accordion">'
        . '<div class="entry-edit-head">Rules</div><fieldset class="config">'
        . '<table class="form-list"><tbody>' . $rules . '</tbody></table></fieldset>'
        . '<div class="entry-edit-head">Test a Number</div><fieldset class="config">'
        . '<p class="comment">Shows the route a call from this number would get now, with the saved rules'
        . ' (save your changes first).</p>'
        . '<table class="form-list"><tbody>' . $row . '</tbody></table></fieldset></div></form>',
        '<style>' . ADMIN_CSS . '</style>',
        '<header class="page-header"><h1>Configuration</h1></header>'
    ));
});

$site->admin('admin/system_config/save', static function () use ($site): void {
    // The configuration form was submitted (the e2e test checks Enter in the box never does this):
    // the posted rules go through the real backend model; the page shows what would be stored.
    $posted = $_POST['groups']['rules']['fields']['list']['value'] ?? null;
    try {
        $model = new RoutingRules();
        $model->setValue(is_array($posted) ? $posted : []);
        $model->beforeSave();
        $stored = (string)$model->getValue();
        $error = '';
    } catch (\Throwable $e) {
        $stored = '';
        $error = $e->getMessage();
    }
    $site->html('<!doctype html><title>Saved</title><h1>Configuration saved</h1>'
        . '<pre id="posted">' . htmlspecialchars((string)json_encode($posted)) . '</pre>'
        . '<pre id="stored">' . htmlspecialchars($stored) . '</pre>'
        . '<p id="error">' . htmlspecialchars($error) . '</p>');
});

$site->admin('bandeau/routing/test', static function (Request $request) use ($site): void {
    if ($request->getMethod() !== 'POST') {
        $site->notFound();
        return;
    }
    $tester = new class implements RoutingTesterInterface {
        public function test(string $phone): RoutingExplanationInterface
        {
            $digits = (string)preg_replace('/\D+/', '', $phone);
            $e164 = '+33' . substr($digits, -9);
            $camille = new RoutingCustomer(2, 'Camille Durand', 1, 1, 'fr_FR', 3410.5, true);
            $pending = new RoutingOrder('000000102', 'new', 'pending', '2026-11-19T15:47:00Z', false, 1);
            return match (true) {
                strlen($digits) < 6 => new RoutingExplanation($phone, 'default', 'no_caller_id', null, 0, '', '', false, '', null, '', [], null),
                str_ends_with($digits, '612345678') => new RoutingExplanation(
                    $e164, 'sales', 'rule', new RoutingRuleRef('not_shipped', 'Order not shipped'), 5,
                    'bandeau/order-being-prepared', '000000102', false, 'fr', 2, 'Camille Durand',
                    [new RoutingWhy('order_not_shipped', '000000102', null, null, null, null, null)],
                    new RoutingCallerFacts($e164, true, $camille, [
                        $pending,
                        new RoutingOrder('000000099', 'processing', 'processing', '2026-11-02T08:00:00Z', true, 1),
                    ], new RoutingShipment('000000099', '2026-11-25T10:00:00Z'))
                ),
                str_ends_with($digits, '611111111') => new RoutingExplanation(
                    $e164, 'vip', 'rule', new RoutingRuleRef('vip', 'VIP <b>customer</b>'), 10, 'bandeau/welcome-back',
                    '', true, 'en', 7, '<img src=x onerror="window.__xss=1">',
                    [
                        new RoutingWhy('vip', null, null, null, null, null, null),
                        new RoutingWhy('customer_group', null, null, null, 4, null, null),
                        new RoutingWhy('shipped_recently', '000000120', null, 3, null, null, null),
                    ],
                    new RoutingCallerFacts($e164, true, new RoutingCustomer(7, '<img src=x onerror="window.__xss=1">', 4, 1, 'en_US', 12000.0, false), [], new RoutingShipment('000000120', '2026-11-28T09:00:00Z'))
                ),
                default => new RoutingExplanation(
                    $e164, 'default', 'unknown_number', null, 0, '', '', false, '', null, '', [],
                    new RoutingCallerFacts($e164, false, null, [], null)
                ),
            };
        }
    };
    // The shipped four rules are active, except when testing +33 7 00 00 00 00: then none is, and
    // the box says nothing is configured.
    $active = !str_ends_with((string)preg_replace('/\D+/', '', (string)($_POST['phone'] ?? '')), '700000000');
    $rules = new class ($active) implements RoutingRulesInterface {
        public function __construct(private bool $active)
        {
        }

        public function getRules(): RoutingRuleSetInterface
        {
            $rules = [];
            foreach ($this->active ? ['vip', 'not_shipped', 'payment_problem', 'delivered_recently'] : [] as $code) {
                $rules[] = new class ($code) implements RoutingRuleInterface {
                    public function __construct(private string $code)
                    {
                    }

                    public function getCode(): string
                    {
                        return $this->code;
                    }

                    public function getLabel(): string
                    {
                        return $this->code;
                    }

                    public function isActive(): bool
                    {
                        return true;
                    }

                    public function getConditions(): ?RoutingConditionsInterface
                    {
                        return null;
                    }

                    public function getRoute(): string
                    {
                        return 'sales';
                    }

                    public function getPriority(): int
                    {
                        return 5;
                    }

                    public function getMessage(): string
                    {
                        return '';
                    }
                };
            }
            return new RoutingRuleSet('v1', [], $rules, new RoutingFallback('default', 0, ''));
        }
    };
    $site->reply(new Test(
        new Context($request, new StaticAuthorization([Test::ADMIN_RESOURCE])),
        new JsonFactory(),
        $tester,
        $rules,
        new JsonReply(),
        new NullLogger(),
        Builders::config([Config::XML_PATH_DEFAULT_COUNTRY => 'FR', Config::XML_PATH_SHOP_COUNTRY => 'FR']),
        new PhoneNormaliser()
    ));
});

return $site->run();
