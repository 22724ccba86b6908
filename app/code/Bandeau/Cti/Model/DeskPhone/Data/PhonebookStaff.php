<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\DeskPhone\Data;

use Bandeau\Cti\Api\Data\PhonebookStaffInterface;

/**
 * Immutable PhonebookStaffInterface.
 */
class PhonebookStaff implements PhonebookStaffInterface
{
    /**
     * @param string $name
     * @param string $extension
     */
    public function __construct(
        private string $name,
        private string $extension
    ) {
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
    public function getExtension(): string
    {
        return $this->extension;
    }
}
