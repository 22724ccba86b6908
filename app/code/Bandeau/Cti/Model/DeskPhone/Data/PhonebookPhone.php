<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\DeskPhone\Data;

use Bandeau\Cti\Api\Data\PhonebookPhoneInterface;

/**
 * Immutable PhonebookPhoneInterface.
 */
class PhonebookPhone implements PhonebookPhoneInterface
{
    /**
     * @param string $e164
     * @param string $kind
     */
    public function __construct(
        private string $e164,
        private string $kind
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getE164(): string
    {
        return $this->e164;
    }

    /**
     * @inheritdoc
     */
    public function getKind(): string
    {
        return $this->kind;
    }
}
