<?php

declare(strict_types=1);

namespace Bandeau\Cti\ViewModel;

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

    private ?Campaign $campaign = null;
    private ?array $results = null;

    public function __construct(
        private RequestInterface $request,
        private CampaignRepository $repository,
        private BuildProgress $progress,
        private CampaignResults $resultsModel,
        private ResultsChart $chart,
        private FormOptions $options,
        private UrlInterface $url,
        private Labels $labels
    ) {
    }

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

    public function getProgress(): array
    {
        $id = (int)$this->getCampaign()?->id;
        return $this->progress->toJson($id, $this->progress->get($id));
    }

    public function getProgressUrl(): string
    {
        return $this->url->getUrl('bandeau/campaign/progress', ['id' => (int)$this->getCampaign()?->id]);
    }

    public function getStatusUrl(): string
    {
        return $this->url->getUrl('bandeau/campaign/status');
    }

    public function getBackUrl(): string
    {
        return $this->url->getUrl('bandeau/campaign/index');
    }

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
     * @return string[] "Name (extension)" of the campaign's agents
     */
    public function getAgentNames(): array
    {
        $all = $this->options->agents();
        $names = [];
        foreach ($this->repository->agentIds((int)$this->getCampaign()?->id) as $id) {
            $names[] = $all[$id] ?? '#' . $id;
        }
        return $names;
    }
}
