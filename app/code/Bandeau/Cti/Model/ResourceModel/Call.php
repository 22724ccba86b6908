<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\ResourceModel;

use Magento\Framework\Model\ResourceModel\Db\AbstractDb;

/**
 * Resource model of bandeau_call, used only by the admin grid's collection (the service
 * contracts use Bandeau\Cti\Model\CallRepository).
 */
class Call extends AbstractDb
{
    /**
     * Binds the resource model to bandeau_call and its entity_id key.
     */
    protected function _construct() // phpcs:ignore PSR2.Methods.MethodDeclaration.Underscore
    {
        $this->_init('bandeau_call', 'entity_id');
    }
}
