<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

/**
 * sales_order_save_after (event object order: placement, customer assignment) and
 * sales_order_address_save_after (event object address: addresses written at placement and edited
 * from the order view): index the order's numbers, guest orders too.
 *
 * sales_order_place_after is not used: it fires before the order and its addresses are saved.
 */
class ReindexOrderPhones extends AbstractReindexPhones
{
    public const OWNER = 'order';

    /**
     * The order id of a saved order or order address.
     *
     * @return array
     */
    protected function ownerFields(): array
    {
        return ['order' => ['entity_id'], 'address' => ['parent_id'], 'data_object' => ['entity_id']];
    }

    /**
     * Re-indexes the order's address numbers.
     *
     * @param int $ownerId
     */
    protected function reindex(int $ownerId): void
    {
        $this->indexer->reindexOrder($ownerId);
    }
}
