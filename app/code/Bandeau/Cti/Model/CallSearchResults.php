<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Bandeau\Cti\Api\Data\CallSearchResultsInterface;
use Magento\Framework\Api\SearchCriteriaInterface;

class CallSearchResults implements CallSearchResultsInterface
{
    private array $items = [];
    private ?SearchCriteriaInterface $searchCriteria = null;
    private int $totalCount = 0;

    public function getItems()
    {
        return $this->items;
    }

    public function setItems(array $items)
    {
        $this->items = array_values($items);
        return $this;
    }

    public function getSearchCriteria()
    {
        return $this->searchCriteria;
    }

    public function setSearchCriteria(SearchCriteriaInterface $searchCriteria)
    {
        $this->searchCriteria = $searchCriteria;
        return $this;
    }

    public function getTotalCount()
    {
        return $this->totalCount;
    }

    public function setTotalCount($totalCount)
    {
        $this->totalCount = (int)$totalCount;
        return $this;
    }
}
