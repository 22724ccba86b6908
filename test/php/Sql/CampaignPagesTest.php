<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Campaign\BuildProgress;
use Bandeau\Cti\Model\Campaign\CampaignResults;
use Bandeau\Cti\Model\Campaign\Labels;
use Bandeau\Cti\Model\Campaign\ResultsChart;
use Bandeau\Cti\Model\Campaign\UtcTime;
use Bandeau\Cti\Test\Support\CampaignFixtures;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Bandeau\Cti\ViewModel\CampaignForm;
use Bandeau\Cti\ViewModel\CampaignList;
use Bandeau\Cti\ViewModel\CampaignView;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\Escaper;
use Magento\Backend\Block\Template;

/**
 * The campaign list, form and campaign page templates rendered with their real view models: the form
 * offers the agents by name with their extension, statuses and outcomes show as labels, and a missing
 * campaign says so.
 */
class CampaignPagesTest extends SqlTestCase
{
    private const TEMPLATES = __DIR__ . '/../../../app/code/Bandeau/Cti/view/adminhtml/templates/campaign/';

    private CampaignFixtures $fx;

    protected function setUp(): void
    {
        parent::setUp();
        $this->fx = new CampaignFixtures($this->db);
        $this->fx->basics();
    }

    private function render(string $template, object $viewModel): string
    {
        $block = new Template(['view_model' => $viewModel]);
        $escaper = new Escaper();
        return (static function (string $file) use ($block, $escaper): string {
            ob_start();
            include $file;
            return (string)ob_get_clean();
        })(self::TEMPLATES . $template);
    }

    private function view(int $campaignId): CampaignView
    {
        $tables = $this->fx->tables();
        return new CampaignView(
            new Request(['id' => (string)$campaignId]),
            $this->fx->repository(),
            new BuildProgress($tables, new UtcTime()),
            new CampaignResults($tables),
            new ResultsChart(),
            $this->fx->formOptions(),
            new FakeBackendUrl(),
            new Labels(),
            $this->fx->names()
        );
    }

    public function testListShowsEachCampaignWithItsStatusLabel(): void
    {
        $this->fx->campaign([], ['name' => 'Paused <one>', 'status' => 'paused']);
        $this->fx->campaign([], ['name' => 'Running']);
        $html = $this->render('list.phtml', new CampaignList($this->fx->repository(), new FakeBackendUrl(), new Labels()));
        self::assertMatchesRegularExpression('#Paused &lt;one&gt;.*?<td>Paused</td>#s', $html);
        self::assertMatchesRegularExpression('#Running.*?<td>Active</td>#s', $html);
    }

    public function testCampaignPageShowsStatusAndOutcomeLabels(): void
    {
        $agent = $this->fx->agent('1001', 'Ann');
        $campaignId = $this->fx->campaign([$agent]);
        $this->fx->contact($campaignId, $this->fx->customer(null), [
            'status' => 'done', 'attempts' => 1, 'last_outcome' => 'no_answer',
            'last_contacted_at' => (new UtcTime())->db(CampaignFixtures::NOW - 60),
        ]);
        $html = $this->render('view.phtml', $this->view($campaignId));
        self::assertStringContainsString('(Active)</h2>', $html);
        self::assertMatchesRegularExpression('#<th>No answer</th>\s*<td>1</td>#', $html);
        self::assertStringNotContainsString('no_answer</th>', $html);
        self::assertStringContainsString('value="' . Template::FORM_KEY . '"', $html);
    }

    public function testCampaignPageNamesAnAgentTheFormNoLongerOffers(): void
    {
        $ann = $this->fx->agent('1001', 'Ann');
        $bad = $this->fx->agent('10 03', 'Bad'); // refused by AgentProfile: not offered by the form
        $left = $this->fx->agent('1004', 'Left');
        $campaignId = $this->fx->campaign([$ann, $bad, $left]);
        $this->resource->getConnection()->query('UPDATE admin_user SET is_active = 0 WHERE user_id = ?', [$left]);
        self::assertSame(['Ann 1001 (1001)', 'Bad 10 03', 'Left 1004'], $this->view($campaignId)->getAgentNames());
    }

    public function testFormOffersTheAgentsByNameWithTheirExtension(): void
    {
        $zoe = $this->fx->agent('1002', 'Zoé');
        $ann = $this->fx->agent('1001', 'Ann');
        $this->fx->agent('10 03', 'Bad'); // refused by AgentProfile: no phone could ring it
        $html = $this->render('form.phtml', new CampaignForm($this->fx->formOptions(), new FakeBackendUrl()));
        self::assertSame(
            '<option value="' . $ann . '">Ann 1001 (1001)</option><option value="' . $zoe . '">Zoé 1002 (1002)</option>',
            preg_replace(
                '/>\s+</',
                '><',
                (string)preg_replace('#^.*name="agent_ids\[\]"[^>]*>\s*(.*?)\s*</select>.*$#s', '$1', $html)
            )
        );
    }

    public function testMissingCampaign(): void
    {
        self::assertStringContainsString('This campaign does not exist.', $this->render('view.phtml', $this->view(999)));
    }

    public function testLabelsOfUnknownValuesAreTheValuesThemselves(): void
    {
        $labels = new Labels();
        self::assertSame('Failed', $labels->status('failed'));
        self::assertSame('archived', $labels->status('archived'));
        self::assertSame('Wrong number', $labels->outcome('wrong_number'));
        self::assertSame('maybe', $labels->outcome('maybe'));
    }
}
