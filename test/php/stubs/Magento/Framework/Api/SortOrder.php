<?php

declare(strict_types=1);

namespace Magento\Framework\Api;

class SortOrder
{
    public const SORT_ASC = 'ASC';
    public const SORT_DESC = 'DESC';

    public function __construct(private array $data = [])
    {
    }

    public function getField()
    {
        return $this->data['field'] ?? null;
    }

    public function setField($field)
    {
        $this->data['field'] = $field;
        return $this;
    }

    public function getDirection()
    {
        return $this->data['direction'] ?? null;
    }

    public function setDirection($direction)
    {
        $this->data['direction'] = $direction;
        return $this;
    }
}
