<?php

declare(strict_types=1);

namespace Bandeau\Cti\ViewModel;

use Bandeau\Cti\Model\Campaign\Campaign;
use Bandeau\Cti\Model\Campaign\CampaignRepository;
use Magento\Framework\UrlInterface;
use Magento\Framework\View\Element\Block\ArgumentInterface;

/**
 * The campaign list (templates/campaign/list.phtml).
 */
class CampaignList implements ArgumentInterface
{
    public function __construct(private CampaignRepository $repository, private UrlInterface $url)
    {
    }

    /**
     * @return array<int, array{campaign: Campaign, contacts: int, pending: int}>
     */
    public function getCampaigns(): array
    {
        return $this->repository->getList();
    }

    public static function statusLabel(string $status): string
    {
        $labels = [
            Campaign::STATUS_BUILDING => __('Building'),
            Campaign::STATUS_ACTIVE => __('Active'),
            Campaign::STATUS_PAUSED => __('Paused'),
            Campaign::STATUS_FAILED => __('Failed'),
        ];
        return (string)($labels[$status] ?? $status);
    }

    public function getNewUrl(): string
    {
        return $this->url->getUrl('bandeau/campaign/new');
    }

    public function getViewUrl(int $campaignId): string
    {
        return $this->url->getUrl('bandeau/campaign/view', ['id' => $campaignId]);
    }
}
