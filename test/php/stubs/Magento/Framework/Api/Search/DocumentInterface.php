<?php

declare(strict_types=1);

namespace Magento\Framework\Api\Search;

/**
 * Stand-in for a grid row (the real one is a CustomAttributesDataInterface).
 */
interface DocumentInterface
{
    /**
     * @param string $attributeCode
     * @return \Magento\Framework\Api\AttributeValue|null
     */
    public function getCustomAttribute($attributeCode);
}
