<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api;

use Bandeau\Cti\Api\Data\PhonebookPageInterface;

/**
 * The shop's phone book for the bridge, which serves it to desk phones (GET /V1/bandeau/phonebook).
 *
 * @api
 */
interface PhonebookInterface
{
    /** The default of getPage()'s $limit (written as a literal there: generated interceptors copy defaults). */
    public const DEFAULT_LIMIT = 1000;
    public const MAX_LIMIT = 5000;

    /**
     * One page of customers with an indexed number, by customer id ascending (keyset: the next page
     * starts after next_after_id); the staff extensions come with the first page (afterId 0) only.
     *
     * @param int $afterId the customer id the page starts after; 0 for the first page
     * @param int $limit customers per page, 1 to 5000
     * @return \Bandeau\Cti\Api\Data\PhonebookPageInterface
     * @throws \Magento\Framework\Exception\InputException for a negative afterId or a limit out of range
     */
    public function getPage(int $afterId = 0, int $limit = 1000): PhonebookPageInterface;
}
