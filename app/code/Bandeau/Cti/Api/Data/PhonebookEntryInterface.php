<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * A customer in the phone book.
 *
 * @api
 */
interface PhonebookEntryInterface
{
    /**
     * The customer's id.
     *
     * @return int
     */
    public function getCustomerId(): int;

    /**
     * First and last name as stored (the bridge sanitises them for each phone's character set).
     *
     * @return string
     */
    public function getName(): string;

    /**
     * The customer group's name ("General", "Wholesale"), "" when the group is gone.
     *
     * @return string
     */
    public function getGroup(): string;

    /**
     * The customer's numbers, each once, the customer's own addresses first.
     *
     * @return \Bandeau\Cti\Api\Data\PhonebookPhoneInterface[]
     */
    public function getPhones(): array;
}
