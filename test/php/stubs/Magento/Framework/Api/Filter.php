<?php

declare(strict_types=1);

namespace Magento\Framework\Api;

class Filter
{
    private array $data = [];

    public function getField()
    {
        return $this->data['field'] ?? null;
    }

    public function setField($field)
    {
        $this->data['field'] = $field;
        return $this;
    }

    public function getValue()
    {
        return $this->data['value'] ?? null;
    }

    public function setValue($value)
    {
        $this->data['value'] = $value;
        return $this;
    }

    public function getConditionType()
    {
        return $this->data['condition_type'] ?? null;
    }

    public function setConditionType($conditionType)
    {
        $this->data['condition_type'] = $conditionType;
        return $this;
    }
}
