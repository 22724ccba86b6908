<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

/**
 * sales_quote_address_save_after (event object quote_address): index the number a logged-in
 * customer typed at checkout before any order exists (guest quotes are not indexed).
 */
class ReindexQuotePhones extends AbstractReindexPhones
{
    public const OWNER = 'quote';

    /**
     * The cart id of a saved cart address.
     *
     * @return array
     */
    protected function ownerFields(): array
    {
        return ['quote_address' => ['quote_id']];
    }

    /**
     * Re-indexes the cart's address numbers.
     *
     * @param int $ownerId
     */
    protected function reindex(int $ownerId): void
    {
        $this->indexer->reindexQuote($ownerId);
    }
}
