<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * One call of the call log, as the bridge delivers it and the REST API returns it.
 * Field names are the REST contract (test/contract/README.md); times are ISO-8601 UTC strings.
 *
 * @api
 */
interface CallInterface
{
    public const CALL_ID = 'call_id';
    public const LINKED_IDS = 'linked_ids';
    public const DIRECTION = 'direction';
    public const FROM = 'from';
    public const TO = 'to';
    public const AGENT_USER_ID = 'agent_user_id';
    public const AGENT_EXTENSION = 'agent_extension';
    public const CUSTOMER_ID = 'customer_id';
    public const ORDER_ID = 'order_id';
    public const CAMPAIGN_ID = 'campaign_id';
    public const STARTED_AT = 'started_at';
    public const ANSWERED_AT = 'answered_at';
    public const ENDED_AT = 'ended_at';
    public const DURATION_S = 'duration_s';
    public const TALK_S = 'talk_s';
    public const DISPOSITION = 'disposition';
    public const RECORDING_URL = 'recording_url';
    public const NOTE = 'note';

    public const DIRECTIONS = ['inbound', 'outbound', 'internal'];
    public const DISPOSITIONS = ['answered', 'missed', 'abandoned', 'busy', 'failed', 'voicemail'];
    public const FIELDS = [
        self::CALL_ID,
        self::LINKED_IDS,
        self::DIRECTION,
        self::FROM,
        self::TO,
        self::AGENT_USER_ID,
        self::AGENT_EXTENSION,
        self::CUSTOMER_ID,
        self::ORDER_ID,
        self::CAMPAIGN_ID,
        self::STARTED_AT,
        self::ANSWERED_AT,
        self::ENDED_AT,
        self::DURATION_S,
        self::TALK_S,
        self::DISPOSITION,
        self::RECORDING_URL,
        self::NOTE,
    ];

    /**
     * @return string|null
     */
    public function getCallId(): ?string;

    /**
     * @param string|null $callId
     * @return $this
     */
    public function setCallId(?string $callId): self;

    /**
     * @return string[]|null
     */
    public function getLinkedIds(): ?array;

    /**
     * @param string[]|null $linkedIds
     * @return $this
     */
    public function setLinkedIds(?array $linkedIds): self;

    /**
     * @return string|null
     */
    public function getDirection(): ?string;

    /**
     * @param string|null $direction
     * @return $this
     */
    public function setDirection(?string $direction): self;

    /**
     * @return string|null
     */
    public function getFrom(): ?string;

    /**
     * @param string|null $from
     * @return $this
     */
    public function setFrom(?string $from): self;

    /**
     * @return string|null
     */
    public function getTo(): ?string;

    /**
     * @param string|null $to
     * @return $this
     */
    public function setTo(?string $to): self;

    /**
     * @return int|null
     */
    public function getAgentUserId(): ?int;

    /**
     * @param int|null $agentUserId
     * @return $this
     */
    public function setAgentUserId(?int $agentUserId): self;

    /**
     * @return string|null
     */
    public function getAgentExtension(): ?string;

    /**
     * @param string|null $agentExtension
     * @return $this
     */
    public function setAgentExtension(?string $agentExtension): self;

    /**
     * @return int|null
     */
    public function getCustomerId(): ?int;

    /**
     * @param int|null $customerId
     * @return $this
     */
    public function setCustomerId(?int $customerId): self;

    /**
     * @return int|null
     */
    public function getOrderId(): ?int;

    /**
     * @param int|null $orderId
     * @return $this
     */
    public function setOrderId(?int $orderId): self;

    /**
     * @return int|null
     */
    public function getCampaignId(): ?int;

    /**
     * @param int|null $campaignId
     * @return $this
     */
    public function setCampaignId(?int $campaignId): self;

    /**
     * @return string|null
     */
    public function getStartedAt(): ?string;

    /**
     * @param string|null $startedAt
     * @return $this
     */
    public function setStartedAt(?string $startedAt): self;

    /**
     * @return string|null
     */
    public function getAnsweredAt(): ?string;

    /**
     * @param string|null $answeredAt
     * @return $this
     */
    public function setAnsweredAt(?string $answeredAt): self;

    /**
     * @return string|null
     */
    public function getEndedAt(): ?string;

    /**
     * @param string|null $endedAt
     * @return $this
     */
    public function setEndedAt(?string $endedAt): self;

    /**
     * @return int|null
     */
    public function getDurationS(): ?int;

    /**
     * @param int|null $durationS
     * @return $this
     */
    public function setDurationS(?int $durationS): self;

    /**
     * @return int|null
     */
    public function getTalkS(): ?int;

    /**
     * @param int|null $talkS
     * @return $this
     */
    public function setTalkS(?int $talkS): self;

    /**
     * @return string|null
     */
    public function getDisposition(): ?string;

    /**
     * @param string|null $disposition
     * @return $this
     */
    public function setDisposition(?string $disposition): self;

    /**
     * @return string|null
     */
    public function getRecordingUrl(): ?string;

    /**
     * @param string|null $recordingUrl
     * @return $this
     */
    public function setRecordingUrl(?string $recordingUrl): self;

    /**
     * @return string|null
     */
    public function getNote(): ?string;

    /**
     * @param string|null $note
     * @return $this
     */
    public function setNote(?string $note): self;
}
