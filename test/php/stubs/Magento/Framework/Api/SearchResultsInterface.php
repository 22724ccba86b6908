<?php

declare(strict_types=1);

namespace Magento\Framework\Api;

interface SearchResultsInterface
{
    /**
     * @return \Magento\Framework\Api\ExtensibleDataInterface[]
     */
    public function getItems();

    public function setItems(array $items);

    /**
     * @return \Magento\Framework\Api\SearchCriteriaInterface
     */
    public function getSearchCriteria();

    public function setSearchCriteria(SearchCriteriaInterface $searchCriteria);

    /**
     * @return int
     */
    public function getTotalCount();

    public function setTotalCount($totalCount);
}
