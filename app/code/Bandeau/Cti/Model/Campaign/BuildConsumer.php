<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Magento\Framework\Exception\NoSuchEntityException;
use Psr\Log\LoggerInterface;

/**
 * Handler of the bandeau.campaign.build consumer (etc/queue_consumer.xml).
 * A failed build is recorded on the progress row (the admin page shows it) and not retried.
 */
class BuildConsumer
{
    /**
     * @param CampaignBuilder $builder
     * @param LoggerInterface $logger
     * @param BuildMessage $message
     */
    public function __construct(
        private CampaignBuilder $builder,
        private LoggerInterface $logger,
        private BuildMessage $message
    ) {
    }

    /**
     * Builds the campaign named in the message; a failure is logged and shown on the campaign page.
     *
     * @param string $message
     */
    public function process(string $message): void
    {
        $campaignId = $this->message->campaignId($message);
        if ($campaignId === null) {
            $this->logger->warning('Bandeau campaign build: unreadable message', ['message' => $message]);
            return;
        }
        try {
            $this->builder->build($campaignId);
        } catch (NoSuchEntityException $e) {
            $this->logger->info('Bandeau campaign build: campaign ' . $campaignId . ' is gone');
        } catch (\Throwable $e) {
            $this->logger->error('Bandeau campaign build failed: ' . $e->getMessage(), ['campaign_id' => $campaignId]);
        }
    }
}
