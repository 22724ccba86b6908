<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\DeskPhone\Data;

use Bandeau\Cti\Api\Data\PhonebookEntryInterface;
use Bandeau\Cti\Api\Data\PhonebookPhoneInterface;

/**
 * Immutable PhonebookEntryInterface.
 */
class PhonebookEntry implements PhonebookEntryInterface
{
    /**
     * @param int $customerId
     * @param string $name
     * @param string $group
     * @param PhonebookPhoneInterface[] $phones
     */
    public function __construct(
        private int $customerId,
        private string $name,
        private string $group,
        private array $phones
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getCustomerId(): int
    {
        return $this->customerId;
    }

    /**
     * @inheritdoc
     */
    public function getName(): string
    {
        return $this->name;
    }

    /**
     * @inheritdoc
     */
    public function getGroup(): string
    {
        return $this->group;
    }

    /**
     * @inheritdoc
     */
    public function getPhones(): array
    {
        return $this->phones;
    }
}
