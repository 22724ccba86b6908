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
    public const TRANSFERRED_TO = 'transferred_to';
    public const QUEUE = 'queue';
    public const QUEUE_POSITION = 'queue_position';
    public const ABANDON_POSITION = 'abandon_position';
    public const WAIT_S = 'wait_s';
    public const ROUTE = 'route';
    public const ROUTE_RULE = 'route_rule';
    public const ROUTE_REASON = 'route_reason';

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
        self::TRANSFERRED_TO,
        self::QUEUE,
        self::QUEUE_POSITION,
        self::ABANDON_POSITION,
        self::WAIT_S,
        self::ROUTE,
        self::ROUTE_RULE,
        self::ROUTE_REASON,
    ];

    /**
     * The bridge's id of the call (unique: records are upserted on it).
     *
     * @return string|null
     */
    public function getCallId(): ?string;

    /**
     * Sets the bridge's id of the call (unique: records are upserted on it).
     *
     * @param string|null $callId
     * @return $this
     */
    public function setCallId(?string $callId): self;

    /**
     * The PBX channel ids (linkedid/uniqueid) the bridge folded into this call.
     *
     * @return string[]|null
     */
    public function getLinkedIds(): ?array;

    /**
     * Sets the PBX channel ids (linkedid/uniqueid) the bridge folded into this call.
     *
     * @param string[]|null $linkedIds
     * @return $this
     */
    public function setLinkedIds(?array $linkedIds): self;

    /**
     * The direction: inbound, outbound or internal.
     *
     * @return string|null
     */
    public function getDirection(): ?string;

    /**
     * Sets the direction: inbound, outbound or internal.
     *
     * @param string|null $direction
     * @return $this
     */
    public function setDirection(?string $direction): self;

    /**
     * The number or extension that placed the call.
     *
     * @return string|null
     */
    public function getFrom(): ?string;

    /**
     * Sets the number or extension that placed the call.
     *
     * @param string|null $from
     * @return $this
     */
    public function setFrom(?string $from): self;

    /**
     * The number or extension that was called.
     *
     * @return string|null
     */
    public function getTo(): ?string;

    /**
     * Sets the number or extension that was called.
     *
     * @param string|null $to
     * @return $this
     */
    public function setTo(?string $to): self;

    /**
     * The admin user who took or placed the call.
     *
     * @return int|null
     */
    public function getAgentUserId(): ?int;

    /**
     * Sets the admin user who took or placed the call.
     *
     * @param int|null $agentUserId
     * @return $this
     */
    public function setAgentUserId(?int $agentUserId): self;

    /**
     * The agent's extension on the PBX.
     *
     * @return string|null
     */
    public function getAgentExtension(): ?string;

    /**
     * Sets the agent's extension on the PBX.
     *
     * @param string|null $agentExtension
     * @return $this
     */
    public function setAgentExtension(?string $agentExtension): self;

    /**
     * The customer the call is linked to.
     *
     * @return int|null
     */
    public function getCustomerId(): ?int;

    /**
     * Sets the customer the call is linked to.
     *
     * @param int|null $customerId
     * @return $this
     */
    public function setCustomerId(?int $customerId): self;

    /**
     * The order the call is linked to.
     *
     * @return int|null
     */
    public function getOrderId(): ?int;

    /**
     * Sets the order the call is linked to.
     *
     * @param int|null $orderId
     * @return $this
     */
    public function setOrderId(?int $orderId): self;

    /**
     * The call campaign the call was made for.
     *
     * @return int|null
     */
    public function getCampaignId(): ?int;

    /**
     * Sets the call campaign the call was made for.
     *
     * @param int|null $campaignId
     * @return $this
     */
    public function setCampaignId(?int $campaignId): self;

    /**
     * When the call started (ISO-8601 UTC).
     *
     * @return string|null
     */
    public function getStartedAt(): ?string;

    /**
     * Sets when the call started (ISO-8601 UTC).
     *
     * @param string|null $startedAt
     * @return $this
     */
    public function setStartedAt(?string $startedAt): self;

    /**
     * When the call was answered (ISO-8601 UTC).
     *
     * @return string|null
     */
    public function getAnsweredAt(): ?string;

    /**
     * Sets when the call was answered (ISO-8601 UTC).
     *
     * @param string|null $answeredAt
     * @return $this
     */
    public function setAnsweredAt(?string $answeredAt): self;

    /**
     * When the call ended (ISO-8601 UTC).
     *
     * @return string|null
     */
    public function getEndedAt(): ?string;

    /**
     * Sets when the call ended (ISO-8601 UTC).
     *
     * @param string|null $endedAt
     * @return $this
     */
    public function setEndedAt(?string $endedAt): self;

    /**
     * The whole call length in seconds, ringing included.
     *
     * @return int|null
     */
    public function getDurationS(): ?int;

    /**
     * Sets the whole call length in seconds, ringing included.
     *
     * @param int|null $durationS
     * @return $this
     */
    public function setDurationS(?int $durationS): self;

    /**
     * The seconds spoken after the answer.
     *
     * @return int|null
     */
    public function getTalkS(): ?int;

    /**
     * Sets the seconds spoken after the answer.
     *
     * @param int|null $talkS
     * @return $this
     */
    public function setTalkS(?int $talkS): self;

    /**
     * How the call ended: answered, missed, abandoned, busy, failed or voicemail.
     *
     * @return string|null
     */
    public function getDisposition(): ?string;

    /**
     * Sets how the call ended: answered, missed, abandoned, busy, failed or voicemail.
     *
     * @param string|null $disposition
     * @return $this
     */
    public function setDisposition(?string $disposition): self;

    /**
     * The http(s) URL of the call recording.
     *
     * @return string|null
     */
    public function getRecordingUrl(): ?string;

    /**
     * Sets the http(s) URL of the call recording.
     *
     * @param string|null $recordingUrl
     * @return $this
     */
    public function setRecordingUrl(?string $recordingUrl): self;

    /**
     * The agent's note on the call.
     *
     * @return string|null
     */
    public function getNote(): ?string;

    /**
     * Sets the agent's note on the call.
     *
     * @param string|null $note
     * @return $this
     */
    public function setNote(?string $note): self;

    /**
     * Where the call was passed on: the agent extension that took it, or the number dialled.
     *
     * @return string|null
     */
    public function getTransferredTo(): ?string;

    /**
     * Sets where the call was passed on: the agent extension that took it, or the number dialled.
     *
     * @param string|null $transferredTo
     * @return $this
     */
    public function setTransferredTo(?string $transferredTo): self;

    /**
     * The queue the caller waited in.
     *
     * @return string|null
     */
    public function getQueue(): ?string;

    /**
     * Sets the queue the caller waited in.
     *
     * @param string|null $queue
     * @return $this
     */
    public function setQueue(?string $queue): self;

    /**
     * The caller's position on joining the queue.
     *
     * @return int|null
     */
    public function getQueuePosition(): ?int;

    /**
     * Sets the caller's position on joining the queue.
     *
     * @param int|null $queuePosition
     * @return $this
     */
    public function setQueuePosition(?int $queuePosition): self;

    /**
     * The caller's position in the queue when they hung up (abandoned calls).
     *
     * @return int|null
     */
    public function getAbandonPosition(): ?int;

    /**
     * Sets the caller's position in the queue when they hung up (abandoned calls).
     *
     * @param int|null $abandonPosition
     * @return $this
     */
    public function setAbandonPosition(?int $abandonPosition): self;

    /**
     * The seconds the caller waited in the queue.
     *
     * @return int|null
     */
    public function getWaitS(): ?int;

    /**
     * Sets the seconds the caller waited in the queue.
     *
     * @param int|null $waitS
     * @return $this
     */
    public function setWaitS(?int $waitS): self;

    /**
     * The route the PBX's routing chose for the call (BANDEAU_ROUTE); null when none was asked.
     *
     * @return string|null
     */
    public function getRoute(): ?string;

    /**
     * Sets the route the PBX's routing chose for the call.
     *
     * @param string|null $route
     * @return $this
     */
    public function setRoute(?string $route): self;

    /**
     * The code of the routing rule that matched; null when none did.
     *
     * @return string|null
     */
    public function getRouteRule(): ?string;

    /**
     * Sets the code of the routing rule that matched.
     *
     * @param string|null $routeRule
     * @return $this
     */
    public function setRouteRule(?string $routeRule): self;

    /**
     * Why the route was chosen: rule, no_match, unknown_number, no_caller_id, timeout or error.
     *
     * @return string|null
     */
    public function getRouteReason(): ?string;

    /**
     * Sets why the route was chosen.
     *
     * @param string|null $routeReason
     * @return $this
     */
    public function setRouteReason(?string $routeReason): self;
}
