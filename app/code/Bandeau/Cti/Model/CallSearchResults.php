<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Bandeau\Cti\Api\Data\CallSearchResultsInterface;
use Magento\Framework\Api\SearchCriteriaInterface;

class CallSearchResults implements CallSearchResultsInterface
{
    /**
     * @var \Bandeau\Cti\Api\Data\CallInterface[]
     */
    private array $items = [];

    /**
     * @var SearchCriteriaInterface|null
     */
    private ?SearchCriteriaInterface $searchCriteria = null;

    /**
     * @var int
     */
    private int $totalCount = 0;

    /**
     * The calls of the requested page.
     *
     * @return \Bandeau\Cti\Api\Data\CallInterface[]
     */
    public function getItems()
    {
        return $this->items;
    }

    /**
     * Sets the calls of the requested page.
     *
     * @param \Bandeau\Cti\Api\Data\CallInterface[] $items
     * @return $this
     */
    public function setItems(array $items)
    {
        $this->items = array_values($items);
        return $this;
    }

    /**
     * The criteria the calls were searched with.
     *
     * @return SearchCriteriaInterface|null
     */
    public function getSearchCriteria()
    {
        return $this->searchCriteria;
    }

    /**
     * Sets the criteria the calls were searched with.
     *
     * @param SearchCriteriaInterface $searchCriteria
     * @return $this
     */
    public function setSearchCriteria(SearchCriteriaInterface $searchCriteria)
    {
        $this->searchCriteria = $searchCriteria;
        return $this;
    }

    /**
     * How many calls match, all pages together.
     *
     * @return int
     */
    public function getTotalCount()
    {
        return $this->totalCount;
    }

    /**
     * Sets how many calls match, all pages together.
     *
     * @param int $totalCount
     * @return $this
     */
    public function setTotalCount($totalCount)
    {
        $this->totalCount = (int)$totalCount;
        return $this;
    }
}
