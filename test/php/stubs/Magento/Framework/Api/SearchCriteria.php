<?php

declare(strict_types=1);

namespace Magento\Framework\Api;

class SearchCriteria implements SearchCriteriaInterface
{
    private array $filterGroups = [];
    private ?array $sortOrders = null;
    private $pageSize = null;
    private $currentPage = null;

    public function getFilterGroups()
    {
        return $this->filterGroups;
    }

    public function setFilterGroups(?array $filterGroups = null)
    {
        $this->filterGroups = $filterGroups ?? [];
        return $this;
    }

    public function getSortOrders()
    {
        return $this->sortOrders;
    }

    public function setSortOrders(?array $sortOrders = null)
    {
        $this->sortOrders = $sortOrders;
        return $this;
    }

    public function getPageSize()
    {
        return $this->pageSize;
    }

    public function setPageSize($pageSize)
    {
        $this->pageSize = $pageSize;
        return $this;
    }

    public function getCurrentPage()
    {
        return $this->currentPage;
    }

    public function setCurrentPage($currentPage)
    {
        $this->currentPage = $currentPage;
        return $this;
    }
}
