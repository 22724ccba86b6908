<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Bandeau\Cti\Api\Data\CallInterface;

/**
 * Plain data object for a call record.
 */
class Call implements CallInterface
{
    /** @var array<string, mixed> */
    private array $data = [];

    /**
     * @param array<string, mixed> $data keyed by the CallInterface field names
     */
    public function __construct(array $data = [])
    {
        foreach ($data as $key => $value) {
            if (in_array($key, self::FIELDS, true)) {
                $this->data[$key] = $value;
            }
        }
    }

    /**
     * @return array<string, mixed> every field, null when unset
     */
    public function toArray(): array
    {
        $out = [];
        foreach (self::FIELDS as $field) {
            $out[$field] = $this->data[$field] ?? null;
        }
        return $out;
    }

    public function getCallId(): ?string
    {
        return $this->data[self::CALL_ID] ?? null;
    }

    public function setCallId(?string $callId): self
    {
        $this->data[self::CALL_ID] = $callId;
        return $this;
    }

    public function getLinkedIds(): ?array
    {
        return $this->data[self::LINKED_IDS] ?? null;
    }

    public function setLinkedIds(?array $linkedIds): self
    {
        $this->data[self::LINKED_IDS] = $linkedIds;
        return $this;
    }

    public function getDirection(): ?string
    {
        return $this->data[self::DIRECTION] ?? null;
    }

    public function setDirection(?string $direction): self
    {
        $this->data[self::DIRECTION] = $direction;
        return $this;
    }

    public function getFrom(): ?string
    {
        return $this->data[self::FROM] ?? null;
    }

    public function setFrom(?string $from): self
    {
        $this->data[self::FROM] = $from;
        return $this;
    }

    public function getTo(): ?string
    {
        return $this->data[self::TO] ?? null;
    }

    public function setTo(?string $to): self
    {
        $this->data[self::TO] = $to;
        return $this;
    }

    public function getAgentUserId(): ?int
    {
        return $this->data[self::AGENT_USER_ID] ?? null;
    }

    public function setAgentUserId(?int $agentUserId): self
    {
        $this->data[self::AGENT_USER_ID] = $agentUserId;
        return $this;
    }

    public function getAgentExtension(): ?string
    {
        return $this->data[self::AGENT_EXTENSION] ?? null;
    }

    public function setAgentExtension(?string $agentExtension): self
    {
        $this->data[self::AGENT_EXTENSION] = $agentExtension;
        return $this;
    }

    public function getCustomerId(): ?int
    {
        return $this->data[self::CUSTOMER_ID] ?? null;
    }

    public function setCustomerId(?int $customerId): self
    {
        $this->data[self::CUSTOMER_ID] = $customerId;
        return $this;
    }

    public function getOrderId(): ?int
    {
        return $this->data[self::ORDER_ID] ?? null;
    }

    public function setOrderId(?int $orderId): self
    {
        $this->data[self::ORDER_ID] = $orderId;
        return $this;
    }

    public function getCampaignId(): ?int
    {
        return $this->data[self::CAMPAIGN_ID] ?? null;
    }

    public function setCampaignId(?int $campaignId): self
    {
        $this->data[self::CAMPAIGN_ID] = $campaignId;
        return $this;
    }

    public function getStartedAt(): ?string
    {
        return $this->data[self::STARTED_AT] ?? null;
    }

    public function setStartedAt(?string $startedAt): self
    {
        $this->data[self::STARTED_AT] = $startedAt;
        return $this;
    }

    public function getAnsweredAt(): ?string
    {
        return $this->data[self::ANSWERED_AT] ?? null;
    }

    public function setAnsweredAt(?string $answeredAt): self
    {
        $this->data[self::ANSWERED_AT] = $answeredAt;
        return $this;
    }

    public function getEndedAt(): ?string
    {
        return $this->data[self::ENDED_AT] ?? null;
    }

    public function setEndedAt(?string $endedAt): self
    {
        $this->data[self::ENDED_AT] = $endedAt;
        return $this;
    }

    public function getDurationS(): ?int
    {
        return $this->data[self::DURATION_S] ?? null;
    }

    public function setDurationS(?int $durationS): self
    {
        $this->data[self::DURATION_S] = $durationS;
        return $this;
    }

    public function getTalkS(): ?int
    {
        return $this->data[self::TALK_S] ?? null;
    }

    public function setTalkS(?int $talkS): self
    {
        $this->data[self::TALK_S] = $talkS;
        return $this;
    }

    public function getDisposition(): ?string
    {
        return $this->data[self::DISPOSITION] ?? null;
    }

    public function setDisposition(?string $disposition): self
    {
        $this->data[self::DISPOSITION] = $disposition;
        return $this;
    }

    public function getRecordingUrl(): ?string
    {
        return $this->data[self::RECORDING_URL] ?? null;
    }

    public function setRecordingUrl(?string $recordingUrl): self
    {
        $this->data[self::RECORDING_URL] = $recordingUrl;
        return $this;
    }

    public function getNote(): ?string
    {
        return $this->data[self::NOTE] ?? null;
    }

    public function setNote(?string $note): self
    {
        $this->data[self::NOTE] = $note;
        return $this;
    }
}
