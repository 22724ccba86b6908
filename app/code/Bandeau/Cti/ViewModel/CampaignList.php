<?php

declare(strict_types=1);

namespace Bandeau\Cti\ViewModel;

use Bandeau\Cti\Model\Campaign\Campaign;
use Bandeau\Cti\Model\Campaign\CampaignRepository;
use Bandeau\Cti\Model\Campaign\Labels;
use Magento\Framework\UrlInterface;
use Magento\Framework\View\Element\Block\ArgumentInterface;

/**
 * The campaign list (templates/campaign/list.phtml).
 */
class CampaignList implements ArgumentInterface
{
    /**
     * @param CampaignRepository $repository
     * @param UrlInterface $url
     * @param Labels $labels
     */
    public function __construct(
        private CampaignRepository $repository,
        private UrlInterface $url,
        private Labels $labels
    ) {
    }

    /**
     * Every campaign, newest first, with its contact counts.
     *
     * @return array<int, array{campaign: Campaign, contacts: int, pending: int}>
     */
    public function getCampaigns(): array
    {
        return $this->repository->getList();
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
     * The "New Call Campaign" form.
     *
     * @return string
     */
    public function getNewUrl(): string
    {
        return $this->url->getUrl('bandeau/campaign/new');
    }

    /**
     * The page of a campaign.
     *
     * @param int $campaignId
     * @return string
     */
    public function getViewUrl(int $campaignId): string
    {
        return $this->url->getUrl('bandeau/campaign/view', ['id' => $campaignId]);
    }
}
