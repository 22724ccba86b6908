<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Bandeau\Cti\Model\Clock\ClockInterface;

/**
 * Fills a campaign with its contacts: INSERT … SELECT in slices of candidate carts (keyset on
 * the quote id), each slice and its progress update in one transaction, so a build that stops
 * half way resumes where it was when the message is delivered again.
 */
class CampaignBuilder
{
    public const DEFAULT_SLICE = 5000;

    /**
     * @param Tables $tables
     * @param CampaignRepository $repository
     * @param AudienceQuery $audience
     * @param BuildProgress $progress
     * @param ClockInterface $clock
     * @param UtcTime $utcTime
     * @param int $sliceSize
     */
    public function __construct(
        private Tables $tables,
        private CampaignRepository $repository,
        private AudienceQuery $audience,
        private BuildProgress $progress,
        private ClockInterface $clock,
        private UtcTime $utcTime,
        private int $sliceSize = self::DEFAULT_SLICE
    ) {
    }

    /**
     * Fills the campaign with its contacts, slice by slice, resuming after the last slice done.
     *
     * @param int $campaignId
     * @return int contacts in the campaign once built
     */
    public function build(int $campaignId): int
    {
        $campaign = $this->repository->get($campaignId);
        $referenceTime = $this->utcTime->timestamp($campaign->audienceAt);
        $state = $this->progress->get($campaignId);
        if ($state === null) {
            $this->progress->init($campaignId, $this->audience->countCandidates($campaign->audience, $referenceTime));
            $state = $this->progress->get($campaignId);
        }
        if ($state['status'] === BuildProgress::DONE) {
            return $state['inserted'];
        }
        $this->progress->start($campaignId, $this->clock->now());
        $connection = $this->tables->connection();
        $after = $state['last_quote_id'];
        try {
            $filter = $campaign->audience;
            while (($slice = $this->audience->nextSlice($filter, $referenceTime, $after, $this->sliceSize))) {
                $connection->beginTransaction();
                try {
                    $added = $this->audience->insertSlice(
                        $campaignId,
                        $campaign->audience,
                        $referenceTime,
                        $after,
                        $slice['lastQuoteId']
                    );
                    $this->progress->advance($campaignId, $slice['count'], $added, $slice['lastQuoteId']);
                    $connection->commit();
                } catch (\Throwable $e) {
                    $connection->rollBack();
                    throw $e;
                }
                $after = $slice['lastQuoteId'];
            }
            $contacts = (int)$connection->fetchOne(
                sprintf('SELECT COUNT(*) FROM %s WHERE campaign_id = ?', $this->tables->name(Tables::CONTACT)),
                [$campaignId]
            );
            $now = $this->clock->now();
            $this->progress->finish($campaignId, $contacts, $now);
            if ($campaign->status === Campaign::STATUS_BUILDING) {
                $this->repository->setStatus($campaignId, Campaign::STATUS_ACTIVE, $this->utcTime->db($now));
            }
            return $contacts;
        } catch (\Throwable $e) {
            $this->progress->fail($campaignId, $e->getMessage(), $this->clock->now());
            $this->repository->setStatus($campaignId, Campaign::STATUS_FAILED);
            throw $e;
        }
    }
}
