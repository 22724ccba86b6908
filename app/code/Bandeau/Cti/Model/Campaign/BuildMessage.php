<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * The message of the bandeau.campaign.build topic, {"campaignId": n}: written by the scheduler,
 * read by the consumer.
 */
class BuildMessage
{
    /**
     * The message asking for the build of a campaign.
     *
     * @param int $campaignId
     * @return string
     */
    public function encode(int $campaignId): string
    {
        return (string)json_encode(['campaignId' => $campaignId]);
    }

    /**
     * The campaign id in a queue message, or null when the message is not one of ours.
     *
     * @param mixed $message
     * @return int|null
     */
    public function campaignId(mixed $message): ?int
    {
        $data = is_string($message) ? json_decode($message, true) : null;
        $id = is_array($data) ? ($data['campaignId'] ?? null) : null;
        return is_int($id) && $id > 0 ? $id : null;
    }
}
