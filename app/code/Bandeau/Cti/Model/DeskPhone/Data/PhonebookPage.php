<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\DeskPhone\Data;

use Bandeau\Cti\Api\Data\PhonebookEntryInterface;
use Bandeau\Cti\Api\Data\PhonebookPageInterface;
use Bandeau\Cti\Api\Data\PhonebookStaffInterface;

/**
 * Immutable PhonebookPageInterface.
 */
class PhonebookPage implements PhonebookPageInterface
{
    /**
     * @param PhonebookEntryInterface[] $entries
     * @param PhonebookStaffInterface[] $staff
     * @param int|null $nextAfterId
     */
    public function __construct(
        private array $entries,
        private array $staff,
        private ?int $nextAfterId
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getEntries(): array
    {
        return $this->entries;
    }

    /**
     * @inheritdoc
     */
    public function getStaff(): array
    {
        return $this->staff;
    }

    /**
     * @inheritdoc
     */
    public function getNextAfterId(): ?int
    {
        return $this->nextAfterId;
    }
}
