<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * What an agent writes about a call once it has ended: a note, an outcome and tags from the
 * configured lists (Stores > Configuration > Bandeau CTI > Wrap-up), and when to follow up.
 *
 * @api
 */
interface WrapUpInterface
{
    public const CALL_ID = 'call_id';
    public const NOTE = 'note';
    public const OUTCOME = 'outcome';
    public const TAGS = 'tags';
    public const FOLLOW_UP_AT = 'follow_up_at';
    public const CUSTOMER_ID = 'customer_id';

    /**
     * The bridge's id of the call.
     *
     * @return string|null
     */
    public function getCallId(): ?string;

    /**
     * Sets the bridge's id of the call.
     *
     * @param string|null $callId
     * @return $this
     */
    public function setCallId(?string $callId): self;

    /**
     * The note; null or '' leaves a note already saved on the call as it is.
     *
     * @return string|null
     */
    public function getNote(): ?string;

    /**
     * Sets the note.
     *
     * @param string|null $note
     * @return $this
     */
    public function setNote(?string $note): self;

    /**
     * One of the configured outcomes, or null.
     *
     * @return string|null
     */
    public function getOutcome(): ?string;

    /**
     * Sets the outcome.
     *
     * @param string|null $outcome
     * @return $this
     */
    public function setOutcome(?string $outcome): self;

    /**
     * Configured tags.
     *
     * @return string[]
     */
    public function getTags(): array;

    /**
     * Sets the tags.
     *
     * @param string[] $tags
     * @return $this
     */
    public function setTags(array $tags): self;

    /**
     * When to follow up: ISO-8601 UTC date-time ("2026-11-20T00:00:00Z"), or null.
     *
     * @return string|null
     */
    public function getFollowUpAt(): ?string;

    /**
     * Sets when to follow up (ISO-8601 date-time with offset, or a date "2026-11-20").
     *
     * @param string|null $followUpAt
     * @return $this
     */
    public function setFollowUpAt(?string $followUpAt): self;

    /**
     * The customer the call was with (the card the agent saw or chose), or null.
     *
     * @return int|null
     */
    public function getCustomerId(): ?int;

    /**
     * Sets the customer the call was with.
     *
     * @param int|null $customerId
     * @return $this
     */
    public function setCustomerId(?int $customerId): self;
}
