<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * A page of the phone book. Field names are what Magento's webapi writes (getNextAfterId -> next_after_id).
 *
 * @api
 */
interface PhonebookPageInterface
{
    /**
     * Customers with at least one indexed number, by customer id ascending.
     *
     * @return \Bandeau\Cti\Api\Data\PhonebookEntryInterface[]
     */
    public function getEntries(): array;

    /**
     * Staff extensions (agents with an extension, then the configured list); empty after the first page.
     *
     * @return \Bandeau\Cti\Api\Data\PhonebookStaffInterface[]
     */
    public function getStaff(): array;

    /**
     * The afterId of the next page; null (written as null) when this page is the last.
     *
     * @return int
     */
    public function getNextAfterId(): ?int;
}
