<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

/**
 * customer_address_save_after / customer_address_delete_after (event object customer_address,
 * also data_object): refresh the customer's numbers in the phone index.
 */
class ReindexCustomerPhones extends AbstractReindexPhones
{
    public const OWNER = 'customer';

    /**
     * The customer id of a saved or deleted customer address.
     *
     * @return array
     */
    protected function ownerFields(): array
    {
        return ['customer_address' => ['parent_id', 'customer_id'], 'data_object' => ['parent_id', 'customer_id']];
    }

    /**
     * Re-indexes the customer's address numbers.
     *
     * @param int $ownerId
     */
    protected function reindex(int $ownerId): void
    {
        $this->indexer->reindexCustomer($ownerId);
    }
}
