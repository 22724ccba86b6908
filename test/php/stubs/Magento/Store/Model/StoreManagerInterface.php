<?php

declare(strict_types=1);

namespace Magento\Store\Model;

/**
 * Stand-in for Magento's store manager, as far as the module uses it (the store views).
 */
interface StoreManagerInterface
{
    /**
     * @param bool $withDefault
     * @param bool $codeKey
     * @return \Magento\Framework\DataObject[] objects with getId() and getName()
     */
    public function getStores($withDefault = false, $codeKey = false);
}
