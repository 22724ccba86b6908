<?php

declare(strict_types=1);

namespace Bandeau\Cti\ViewModel;

use Bandeau\Cti\Model\Analytics\Names;
use Bandeau\Cti\Model\Campaign\BuildProgress;
use Bandeau\Cti\Model\Campaign\Campaign;
use Bandeau\Cti\Model\Campaign\CampaignRepository;
use Bandeau\Cti\Model\Campaign\CampaignResults;
use Bandeau\Cti\Model\Campaign\FormOptions;
use Bandeau\Cti\Model\Campaign\Labels;
use Bandeau\Cti\Model\Campaign\ResultsChart;
use Magento\Framework\App\RequestInterface;
use Magento\Framework\Exception\NoSuchEntityException;
use Magento\Framework\UrlInterface;
use Magento\Framework\View\Element\Block\ArgumentInterface;

/**
 * One campaign's page (templates/campaign/view.phtml): settings, build progress, results, chart.
 */
class CampaignView implements ArgumentInterface
{
    public const WEEKDAYS = CampaignForm::WEEKDAYS;

    /**
     * @var Campaign|null loaded once per page
     */
    private ?Campaign $campaign = null;

    /**
     * @var array|null computed once per page
     */
    private ?array $results = null;

    /**
     * @param RequestInterface $request
     * @param CampaignRepository $repository
     * @param BuildProgress $progress
     * @param CampaignResults $resultsModel
     * @param ResultsChart $chart
     * @param FormOptions $options
     * @param UrlInterface $url
     * @param Labels $labels
     * @param Names $names
     */
    public function __construct(
        private RequestInterface $request,
        private CampaignRepository $repository,
        private BuildProgress $progress,
        private CampaignResults $resultsModel,
        private ResultsChart $chart,
        private FormOptions $options,
        private UrlInterface $url,
        private Labels $labels,
        private Names $names
    ) {
    }

    /**
     * The campaign of the page, null when it does not exist.
     *
     * @return Campaign|null
     */
    public function getCampaign(): ?Campaign
    {
        if ($this->campaign === null) {
            try {
                $this->campaign = $this->repository->get((int)$this->request->getParam('id'));
            } catch (NoSuchEntityException $e) {
                return null;
            }
        }
        return $this->campaign;
    }

    /**
     * The build progress, as the page polls it.
     *
     * @return array
     */
    public function getProgress(): array
    {
        $id = (int)$this->getCampaign()?->id;
        return $this->progress->toJson($id, $this->progress->get($id));
    }

    /**
     * Where the page polls the build progress.
     *
     * @return string
     */
    public function getProgressUrl(): string
    {
        return $this->url->getUrl('bandeau/campaign/progress', ['id' => (int)$this->getCampaign()?->id]);
    }

    /**
     * Where "Pause" and "Resume" are posted.
     *
     * @return string
     */
    public function getStatusUrl(): string
    {
        return $this->url->getUrl('bandeau/campaign/status');
    }

    /**
     * The campaign list.
     *
     * @return string
     */
    public function getBackUrl(): string
    {
        return $this->url->getUrl('bandeau/campaign/index');
    }

    /**
     * The campaign's figures (computed once per page).
     *
     * @return array
     */
    public function getResults(): array
    {
        return $this->results ??= $this->resultsModel->summary($this->getCampaign());
    }

    /**
     * The chart: contacts, called, reached, converted.
     */
    public function getChart(): array
    {
        $results = $this->getResults();
        return $this->chart->bars([
            (string)__('Contacts') => $results['contacts'],
            (string)__('Called') => $results['contacted'],
            (string)__('Reached') => $results['reached'],
            (string)__('Conversions') => $results['conversions'],
        ]);
    }

    /**
     * The translated label of a campaign status.
     *
     * @param string $status
     * @return string
     */
    public function statusLabel(string $status): string
    {
        return $this->labels->status($status);
    }

    /**
     * The translated label of a call outcome.
     *
     * @param string $outcome
     * @return string
     */
    public function outcomeLabel(string $outcome): string
    {
        return $this->labels->outcome($outcome);
    }

    /**
     * The campaign's agents, as "Name (extension)"; one the form no longer offers (inactive, or
     * without a valid extension) by name alone, and by id when no name is found.
     *
     * @return string[] the campaign's agents
     */
    public function getAgentNames(): array
    {
        $offered = $this->options->agents();
        $ids = $this->repository->agentIds((int)$this->getCampaign()?->id);
        $others = $this->names->agents(array_values(array_diff($ids, array_keys($offered))));
        $names = [];
        foreach ($ids as $id) {
            $names[] = $offered[$id] ?? $others[$id] ?? '#' . $id;
        }
        return $names;
    }
}
