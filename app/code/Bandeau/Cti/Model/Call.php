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
     * @param array<string,mixed> $data keyed by the CallInterface field names
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
     * Every field of the call, by its API name.
     *
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

    /**
     * The bridge's id of the call (unique: records are upserted on it).
     *
     * @return string|null
     */
    public function getCallId(): ?string
    {
        return $this->data[self::CALL_ID] ?? null;
    }

    /**
     * Sets the bridge's id of the call (unique: records are upserted on it).
     *
     * @param string|null $callId
     * @return $this
     */
    public function setCallId(?string $callId): self
    {
        $this->data[self::CALL_ID] = $callId;
        return $this;
    }

    /**
     * The PBX channel ids (linkedid/uniqueid) the bridge folded into this call.
     *
     * @return string[]|null
     */
    public function getLinkedIds(): ?array
    {
        return $this->data[self::LINKED_IDS] ?? null;
    }

    /**
     * Sets the PBX channel ids (linkedid/uniqueid) the bridge folded into this call.
     *
     * @param string[]|null $linkedIds
     * @return $this
     */
    public function setLinkedIds(?array $linkedIds): self
    {
        $this->data[self::LINKED_IDS] = $linkedIds;
        return $this;
    }

    /**
     * The direction: inbound, outbound or internal.
     *
     * @return string|null
     */
    public function getDirection(): ?string
    {
        return $this->data[self::DIRECTION] ?? null;
    }

    /**
     * Sets the direction: inbound, outbound or internal.
     *
     * @param string|null $direction
     * @return $this
     */
    public function setDirection(?string $direction): self
    {
        $this->data[self::DIRECTION] = $direction;
        return $this;
    }

    /**
     * The number or extension that placed the call.
     *
     * @return string|null
     */
    public function getFrom(): ?string
    {
        return $this->data[self::FROM] ?? null;
    }

    /**
     * Sets the number or extension that placed the call.
     *
     * @param string|null $from
     * @return $this
     */
    public function setFrom(?string $from): self
    {
        $this->data[self::FROM] = $from;
        return $this;
    }

    /**
     * The number or extension that was called.
     *
     * @return string|null
     */
    public function getTo(): ?string
    {
        return $this->data[self::TO] ?? null;
    }

    /**
     * Sets the number or extension that was called.
     *
     * @param string|null $to
     * @return $this
     */
    public function setTo(?string $to): self
    {
        $this->data[self::TO] = $to;
        return $this;
    }

    /**
     * The admin user who took or placed the call.
     *
     * @return int|null
     */
    public function getAgentUserId(): ?int
    {
        return $this->data[self::AGENT_USER_ID] ?? null;
    }

    /**
     * Sets the admin user who took or placed the call.
     *
     * @param int|null $agentUserId
     * @return $this
     */
    public function setAgentUserId(?int $agentUserId): self
    {
        $this->data[self::AGENT_USER_ID] = $agentUserId;
        return $this;
    }

    /**
     * The agent's extension on the PBX.
     *
     * @return string|null
     */
    public function getAgentExtension(): ?string
    {
        return $this->data[self::AGENT_EXTENSION] ?? null;
    }

    /**
     * Sets the agent's extension on the PBX.
     *
     * @param string|null $agentExtension
     * @return $this
     */
    public function setAgentExtension(?string $agentExtension): self
    {
        $this->data[self::AGENT_EXTENSION] = $agentExtension;
        return $this;
    }

    /**
     * The customer the call is linked to.
     *
     * @return int|null
     */
    public function getCustomerId(): ?int
    {
        return $this->data[self::CUSTOMER_ID] ?? null;
    }

    /**
     * Sets the customer the call is linked to.
     *
     * @param int|null $customerId
     * @return $this
     */
    public function setCustomerId(?int $customerId): self
    {
        $this->data[self::CUSTOMER_ID] = $customerId;
        return $this;
    }

    /**
     * The order the call is linked to.
     *
     * @return int|null
     */
    public function getOrderId(): ?int
    {
        return $this->data[self::ORDER_ID] ?? null;
    }

    /**
     * Sets the order the call is linked to.
     *
     * @param int|null $orderId
     * @return $this
     */
    public function setOrderId(?int $orderId): self
    {
        $this->data[self::ORDER_ID] = $orderId;
        return $this;
    }

    /**
     * The call campaign the call was made for.
     *
     * @return int|null
     */
    public function getCampaignId(): ?int
    {
        return $this->data[self::CAMPAIGN_ID] ?? null;
    }

    /**
     * Sets the call campaign the call was made for.
     *
     * @param int|null $campaignId
     * @return $this
     */
    public function setCampaignId(?int $campaignId): self
    {
        $this->data[self::CAMPAIGN_ID] = $campaignId;
        return $this;
    }

    /**
     * When the call started (ISO-8601 UTC).
     *
     * @return string|null
     */
    public function getStartedAt(): ?string
    {
        return $this->data[self::STARTED_AT] ?? null;
    }

    /**
     * Sets when the call started (ISO-8601 UTC).
     *
     * @param string|null $startedAt
     * @return $this
     */
    public function setStartedAt(?string $startedAt): self
    {
        $this->data[self::STARTED_AT] = $startedAt;
        return $this;
    }

    /**
     * When the call was answered (ISO-8601 UTC).
     *
     * @return string|null
     */
    public function getAnsweredAt(): ?string
    {
        return $this->data[self::ANSWERED_AT] ?? null;
    }

    /**
     * Sets when the call was answered (ISO-8601 UTC).
     *
     * @param string|null $answeredAt
     * @return $this
     */
    public function setAnsweredAt(?string $answeredAt): self
    {
        $this->data[self::ANSWERED_AT] = $answeredAt;
        return $this;
    }

    /**
     * When the call ended (ISO-8601 UTC).
     *
     * @return string|null
     */
    public function getEndedAt(): ?string
    {
        return $this->data[self::ENDED_AT] ?? null;
    }

    /**
     * Sets when the call ended (ISO-8601 UTC).
     *
     * @param string|null $endedAt
     * @return $this
     */
    public function setEndedAt(?string $endedAt): self
    {
        $this->data[self::ENDED_AT] = $endedAt;
        return $this;
    }

    /**
     * The whole call length in seconds, ringing included.
     *
     * @return int|null
     */
    public function getDurationS(): ?int
    {
        return $this->data[self::DURATION_S] ?? null;
    }

    /**
     * Sets the whole call length in seconds, ringing included.
     *
     * @param int|null $durationS
     * @return $this
     */
    public function setDurationS(?int $durationS): self
    {
        $this->data[self::DURATION_S] = $durationS;
        return $this;
    }

    /**
     * The seconds spoken after the answer.
     *
     * @return int|null
     */
    public function getTalkS(): ?int
    {
        return $this->data[self::TALK_S] ?? null;
    }

    /**
     * Sets the seconds spoken after the answer.
     *
     * @param int|null $talkS
     * @return $this
     */
    public function setTalkS(?int $talkS): self
    {
        $this->data[self::TALK_S] = $talkS;
        return $this;
    }

    /**
     * How the call ended: answered, missed, abandoned, busy, failed or voicemail.
     *
     * @return string|null
     */
    public function getDisposition(): ?string
    {
        return $this->data[self::DISPOSITION] ?? null;
    }

    /**
     * Sets how the call ended: answered, missed, abandoned, busy, failed or voicemail.
     *
     * @param string|null $disposition
     * @return $this
     */
    public function setDisposition(?string $disposition): self
    {
        $this->data[self::DISPOSITION] = $disposition;
        return $this;
    }

    /**
     * The http(s) URL of the call recording.
     *
     * @return string|null
     */
    public function getRecordingUrl(): ?string
    {
        return $this->data[self::RECORDING_URL] ?? null;
    }

    /**
     * Sets the http(s) URL of the call recording.
     *
     * @param string|null $recordingUrl
     * @return $this
     */
    public function setRecordingUrl(?string $recordingUrl): self
    {
        $this->data[self::RECORDING_URL] = $recordingUrl;
        return $this;
    }

    /**
     * The agent's note on the call.
     *
     * @return string|null
     */
    public function getNote(): ?string
    {
        return $this->data[self::NOTE] ?? null;
    }

    /**
     * Sets the agent's note on the call.
     *
     * @param string|null $note
     * @return $this
     */
    public function setNote(?string $note): self
    {
        $this->data[self::NOTE] = $note;
        return $this;
    }

    /**
     * Where the call was passed on: the agent extension that took it, or the number dialled.
     *
     * @return string|null
     */
    public function getTransferredTo(): ?string
    {
        return $this->data[self::TRANSFERRED_TO] ?? null;
    }

    /**
     * Sets where the call was passed on: the agent extension that took it, or the number dialled.
     *
     * @param string|null $transferredTo
     * @return $this
     */
    public function setTransferredTo(?string $transferredTo): self
    {
        $this->data[self::TRANSFERRED_TO] = $transferredTo;
        return $this;
    }

    /**
     * The queue the caller waited in.
     *
     * @return string|null
     */
    public function getQueue(): ?string
    {
        return $this->data[self::QUEUE] ?? null;
    }

    /**
     * Sets the queue the caller waited in.
     *
     * @param string|null $queue
     * @return $this
     */
    public function setQueue(?string $queue): self
    {
        $this->data[self::QUEUE] = $queue;
        return $this;
    }

    /**
     * The caller's position on joining the queue.
     *
     * @return int|null
     */
    public function getQueuePosition(): ?int
    {
        return $this->data[self::QUEUE_POSITION] ?? null;
    }

    /**
     * Sets the caller's position on joining the queue.
     *
     * @param int|null $queuePosition
     * @return $this
     */
    public function setQueuePosition(?int $queuePosition): self
    {
        $this->data[self::QUEUE_POSITION] = $queuePosition;
        return $this;
    }

    /**
     * The caller's position in the queue when they hung up (abandoned calls).
     *
     * @return int|null
     */
    public function getAbandonPosition(): ?int
    {
        return $this->data[self::ABANDON_POSITION] ?? null;
    }

    /**
     * Sets the caller's position in the queue when they hung up (abandoned calls).
     *
     * @param int|null $abandonPosition
     * @return $this
     */
    public function setAbandonPosition(?int $abandonPosition): self
    {
        $this->data[self::ABANDON_POSITION] = $abandonPosition;
        return $this;
    }

    /**
     * The seconds the caller waited in the queue.
     *
     * @return int|null
     */
    public function getWaitS(): ?int
    {
        return $this->data[self::WAIT_S] ?? null;
    }

    /**
     * Sets the seconds the caller waited in the queue.
     *
     * @param int|null $waitS
     * @return $this
     */
    public function setWaitS(?int $waitS): self
    {
        $this->data[self::WAIT_S] = $waitS;
        return $this;
    }

    /**
     * The route the PBX's routing chose for the call (BANDEAU_ROUTE).
     *
     * @return string|null
     */
    public function getRoute(): ?string
    {
        return $this->data[self::ROUTE] ?? null;
    }

    /**
     * Sets the route the PBX's routing chose for the call (BANDEAU_ROUTE).
     *
     * @param string|null $route
     * @return $this
     */
    public function setRoute(?string $route): self
    {
        $this->data[self::ROUTE] = $route;
        return $this;
    }

    /**
     * The code of the routing rule that matched.
     *
     * @return string|null
     */
    public function getRouteRule(): ?string
    {
        return $this->data[self::ROUTE_RULE] ?? null;
    }

    /**
     * Sets the code of the routing rule that matched.
     *
     * @param string|null $routeRule
     * @return $this
     */
    public function setRouteRule(?string $routeRule): self
    {
        $this->data[self::ROUTE_RULE] = $routeRule;
        return $this;
    }

    /**
     * Why the route was chosen.
     *
     * @return string|null
     */
    public function getRouteReason(): ?string
    {
        return $this->data[self::ROUTE_REASON] ?? null;
    }

    /**
     * Sets why the route was chosen.
     *
     * @param string|null $routeReason
     * @return $this
     */
    public function setRouteReason(?string $routeReason): self
    {
        $this->data[self::ROUTE_REASON] = $routeReason;
        return $this;
    }
}
