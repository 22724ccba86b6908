<?php

declare(strict_types=1);

namespace Magento\Framework\Api\Search;

class FilterGroup
{
    private ?array $filters = null;

    /**
     * @return \Magento\Framework\Api\Filter[]|null
     */
    public function getFilters()
    {
        return $this->filters;
    }

    public function setFilters(?array $filters = null)
    {
        $this->filters = $filters;
        return $this;
    }
}
