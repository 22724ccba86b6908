<?php

declare(strict_types=1);

namespace Bandeau\Cti\Setup\Patch\Data;

use Bandeau\Cti\Model\Privacy\PartyNumber;
use Magento\Framework\Setup\Patch\DataPatchInterface;

/**
 * Gives calls stored before bandeau_call.party_key existed their outside number in E.164, so that
 * deleting a customer also erases their older calls linked to nobody (and the access export lists them).
 */
class FillCallPartyKeys implements DataPatchInterface
{
    /**
     * @param PartyNumber $partyNumber
     */
    public function __construct(private PartyNumber $partyNumber)
    {
    }

    /**
     * Fills the column by keyset batches.
     *
     * @return $this
     */
    public function apply()
    {
        $this->partyNumber->backfill();
        return $this;
    }

    /**
     * No other patch needed first.
     *
     * @return string[]
     */
    public static function getDependencies()
    {
        return [];
    }

    /**
     * No former names.
     *
     * @return string[]
     */
    public function getAliases()
    {
        return [];
    }
}
