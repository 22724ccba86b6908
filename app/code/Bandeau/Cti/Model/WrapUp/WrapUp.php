<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\WrapUp;

use Bandeau\Cti\Api\Data\WrapUpInterface;

/**
 * Plain data object for a call's wrap-up.
 */
class WrapUp implements WrapUpInterface
{
    /**
     * @param string|null $callId
     * @param string|null $note
     * @param string|null $outcome
     * @param string[] $tags
     * @param string|null $followUpAt
     * @param int|null $customerId
     */
    public function __construct(
        private ?string $callId = null,
        private ?string $note = null,
        private ?string $outcome = null,
        private array $tags = [],
        private ?string $followUpAt = null,
        private ?int $customerId = null
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getCallId(): ?string
    {
        return $this->callId;
    }

    /**
     * @inheritdoc
     */
    public function setCallId(?string $callId): self
    {
        $this->callId = $callId;
        return $this;
    }

    /**
     * @inheritdoc
     */
    public function getNote(): ?string
    {
        return $this->note;
    }

    /**
     * @inheritdoc
     */
    public function setNote(?string $note): self
    {
        $this->note = $note;
        return $this;
    }

    /**
     * @inheritdoc
     */
    public function getOutcome(): ?string
    {
        return $this->outcome;
    }

    /**
     * @inheritdoc
     */
    public function setOutcome(?string $outcome): self
    {
        $this->outcome = $outcome;
        return $this;
    }

    /**
     * @inheritdoc
     */
    public function getTags(): array
    {
        return $this->tags;
    }

    /**
     * @inheritdoc
     */
    public function setTags(array $tags): self
    {
        $this->tags = array_values(array_map('strval', $tags));
        return $this;
    }

    /**
     * @inheritdoc
     */
    public function getFollowUpAt(): ?string
    {
        return $this->followUpAt;
    }

    /**
     * @inheritdoc
     */
    public function setFollowUpAt(?string $followUpAt): self
    {
        $this->followUpAt = $followUpAt;
        return $this;
    }

    /**
     * @inheritdoc
     */
    public function getCustomerId(): ?int
    {
        return $this->customerId;
    }

    /**
     * @inheritdoc
     */
    public function setCustomerId(?int $customerId): self
    {
        $this->customerId = $customerId;
        return $this;
    }

    /**
     * The wrap-up as the phone bar reads it (camelCase keys).
     *
     * @return array{callId: ?string, note: ?string, outcome: ?string, tags: string[], followUpAt: ?string,
     *     customerId: ?int}
     */
    public function toArray(): array
    {
        return [
            'callId' => $this->callId,
            'note' => $this->note,
            'outcome' => $this->outcome,
            'tags' => $this->tags,
            'followUpAt' => $this->followUpAt,
            'customerId' => $this->customerId,
        ];
    }
}
