<?php

declare(strict_types=1);

namespace Magento\Framework\View\Element\UiComponent\DataProvider;

use Magento\Framework\Api\Filter;

/**
 * Stand-in for the UI listing data provider: its name and the filters added to its search.
 */
class DataProvider
{
    /** @var Filter[] */
    public array $filters = [];

    public function __construct(private string $name)
    {
    }

    public function getName()
    {
        return $this->name;
    }

    public function addFilter(Filter $filter)
    {
        $this->filters[] = $filter;
    }
}
