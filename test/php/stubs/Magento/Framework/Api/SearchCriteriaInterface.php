<?php

declare(strict_types=1);

namespace Magento\Framework\Api;

interface SearchCriteriaInterface
{
    /**
     * @return \Magento\Framework\Api\Search\FilterGroup[]
     */
    public function getFilterGroups();

    public function setFilterGroups(?array $filterGroups = null);

    /**
     * @return \Magento\Framework\Api\SortOrder[]|null
     */
    public function getSortOrders();

    public function setSortOrders(?array $sortOrders = null);

    public function getPageSize();

    public function setPageSize($pageSize);

    public function getCurrentPage();

    public function setCurrentPage($currentPage);
}
