<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Config\Source;

use Magento\Framework\Data\OptionSourceInterface;
use Magento\Store\Model\StoreManagerInterface;

/**
 * Store views (id => name), for the routing rules' store view condition.
 */
class StoreViews implements OptionSourceInterface
{
    /**
     * @param StoreManagerInterface $storeManager
     */
    public function __construct(private StoreManagerInterface $storeManager)
    {
    }

    /**
     * Every store view but the admin one.
     *
     * @return array
     */
    public function toOptionArray()
    {
        $options = [];
        foreach ($this->storeManager->getStores(false) as $store) {
            $options[] = ['value' => (string)$store->getId(), 'label' => (string)$store->getName()];
        }
        return $options;
    }
}
