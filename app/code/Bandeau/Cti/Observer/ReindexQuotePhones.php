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

    protected function ownerFields(): array
    {
        return ['quote_address' => ['quote_id']];
    }

    protected function reindex(int $ownerId): void
    {
        $this->indexer->reindexQuote($ownerId);
    }
}
