<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Magento\Framework\MessageQueue\PublisherInterface;

/**
 * Starts the build of a new campaign: small ones at once, large ones in the background through
 * the message queue topic bandeau.campaign.build (consumer bandeau.campaign.build).
 */
class BuildScheduler
{
    public const TOPIC = 'bandeau.campaign.build';
    public const DEFAULT_INLINE_LIMIT = 2000;

    public const MODE_INLINE = 'inline';
    public const MODE_QUEUED = 'queued';

    /**
     * @param CampaignRepository $repository
     * @param AudienceQuery $audience
     * @param BuildProgress $progress
     * @param CampaignBuilder $builder
     * @param PublisherInterface $publisher
     * @param UtcTime $utcTime
     * @param BuildMessage $message
     * @param int $inlineLimit
     */
    public function __construct(
        private CampaignRepository $repository,
        private AudienceQuery $audience,
        private BuildProgress $progress,
        private CampaignBuilder $builder,
        private PublisherInterface $publisher,
        private UtcTime $utcTime,
        private BuildMessage $message,
        private int $inlineLimit = self::DEFAULT_INLINE_LIMIT
    ) {
    }

    /**
     * Builds a small campaign at once, or queues a large one for the consumer.
     *
     * @param int $campaignId
     * @return string MODE_INLINE (built now) or MODE_QUEUED (a consumer builds it)
     */
    public function schedule(int $campaignId): string
    {
        $campaign = $this->repository->get($campaignId);
        $referenceTime = $this->utcTime->timestamp($campaign->audienceAt);
        $total = $this->audience->countCandidates($campaign->audience, $referenceTime);
        $this->progress->init($campaignId, $total);
        if ($total <= $this->inlineLimit) {
            $this->builder->build($campaignId);
            return self::MODE_INLINE;
        }
        $this->publisher->publish(self::TOPIC, $this->message->encode($campaignId));
        return self::MODE_QUEUED;
    }
}
