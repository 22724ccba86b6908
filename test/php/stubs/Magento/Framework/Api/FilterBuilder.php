<?php

declare(strict_types=1);

namespace Magento\Framework\Api;

class FilterBuilder
{
    private Filter $filter;

    public function __construct()
    {
        $this->filter = new Filter();
    }

    public function setField($field)
    {
        $this->filter->setField($field);
        return $this;
    }

    public function setValue($value)
    {
        $this->filter->setValue($value);
        return $this;
    }

    public function setConditionType($conditionType)
    {
        $this->filter->setConditionType($conditionType);
        return $this;
    }

    public function create()
    {
        $filter = $this->filter;
        $this->filter = new Filter();
        return $filter;
    }
}
