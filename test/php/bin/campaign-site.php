<?php

/**
 * A Magento admin stand-in for the campaign pages, for PHP's built-in web server:
 *
 *   BANDEAU_SITE_DB=bandeau_test_site1 php -S 127.0.0.1:PORT test/php/bin/campaign-site.php
 *
 * The module's real templates (campaign/form.phtml, campaign/view.phtml) rendered with their real
 * view models, the real Preview and Progress controllers, the SQL on MariaDB (BANDEAU_TEST_DSN,
 * database BANDEAU_SITE_DB), on the admin kernel of test/php/Support/AdminSite.php (static files,
 * mage/apply/main, session, form key and secret key as Magento checks them).
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
use Bandeau\Cti\Model\Campaign\IdList;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Campaign\Labels;
use Bandeau\Cti\Model\Campaign\ResultsChart;
use Bandeau\Cti\Model\Campaign\UtcTime;
use Bandeau\Cti\Model\Clock\FixedClock;
use Bandeau\Cti\Test\Support\CampaignFixtures;
use Bandeau\Cti\Test\Support\AdminSite;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Bandeau\Cti\ViewModel\CampaignForm;
use Bandeau\Cti\ViewModel\CampaignView;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\Controller\Result\JsonFactory;

$root = dirname(__DIR__, 3);
require $root . '/vendor/autoload.php';
date_default_timezone_set('UTC');

$site = new AdminSite($root);
$fixtures = static fn (): CampaignFixtures => new CampaignFixtures($site->database());
$progressReply = static function (int $id) use ($site, $fixtures): void {
    $site->json(['progress' => $fixtures()->progress()->get($id)]);
};

$site->test('reset', static function () use ($site, $fixtures): void {
    $site->resetSchema();
    $fx = $fixtures();
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
    $site->json(['campaignId' => $campaign]);
});
$site->test('build/start', static function (array $query) use ($fixtures, $progressReply): void {
    $id = (int)($query['id'] ?? 0);
    $fx = $fixtures();
    $progress = $fx->progress();
    $progress->init($id, (new AudienceQuery($fx->tables()))->countCandidates(
        $fx->repository()->get($id)->audience,
        CampaignFixtures::NOW
    ));
    $progress->start($id, CampaignFixtures::NOW);
    $progressReply($id);
});
$site->test('build/advance', static function (array $query) use ($fixtures, $progressReply): void {
    // As a slice of the builder does: one more cart scanned.
    $id = (int)($query['id'] ?? 0);
    $fixtures()->progress()->advance($id, 1, 0, 0);
    $progressReply($id);
});
$site->test('build/finish', static function (array $query) use ($fixtures, $progressReply): void {
    $id = (int)($query['id'] ?? 0);
    $fixtures()->builder()->build($id);
    $progressReply($id);
});

// The admin: /admin/bandeau/campaign/<action>/<param>/<value>/…
$site->admin('bandeau/campaign/new', static function () use ($site, $fixtures): void {
    $fx = $fixtures();
    $site->html($site->page('New Call Campaign', $site->template(
        'campaign/form.phtml',
        new CampaignForm($fx->formOptions(), $site->url())
    )));
});
$site->admin('bandeau/campaign/view', static function (Request $request) use ($site, $fixtures): void {
    $fx = $fixtures();
    $tables = $fx->tables();
    $repository = $fx->repository();
    $site->html($site->page('Call Campaign', $site->template('campaign/view.phtml', new CampaignView(
        $request,
        $repository,
        $fx->progress(),
        new CampaignResults($tables),
        new ResultsChart(),
        $fx->formOptions(),
        $site->url(),
        new Labels(),
        $fx->names()
    ))));
});
$site->admin('bandeau/campaign/preview', static function (Request $request) use ($site, $fixtures): void {
    $site->reply(new Preview(
        new Context($request, new StaticAuthorization([Preview::ADMIN_RESOURCE])),
        new JsonFactory(),
        new CampaignFormParser(new CallingHours(), new IdList(), new UtcTime()),
        new AudienceQuery($fixtures()->tables()),
        new FixedClock(CampaignFixtures::NOW),
        new JsonReply()
    ));
});
$site->admin('bandeau/campaign/progress', static function (Request $request) use ($site, $fixtures): void {
    $fx = $fixtures();
    $site->reply(new Progress(
        new Context($request, new StaticAuthorization([Preview::ADMIN_RESOURCE])),
        new JsonFactory(),
        $fx->repository(),
        $fx->progress(),
        new JsonReply()
    ));
});

return $site->run();
