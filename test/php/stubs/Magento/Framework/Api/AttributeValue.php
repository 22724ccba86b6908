<?php

declare(strict_types=1);

namespace Magento\Framework\Api;

class AttributeValue
{
    public function __construct(private string $code = '', private mixed $value = null)
    {
    }

    public function getAttributeCode()
    {
        return $this->code;
    }

    public function getValue()
    {
        return $this->value;
    }
}
