<?php

declare(strict_types=1);

namespace Laminas\Http\Header;

class GenericHeader
{
    public function __construct(private $fieldName = null, private $fieldValue = null)
    {
    }

    public function getFieldName()
    {
        return $this->fieldName;
    }

    public function getFieldValue()
    {
        return $this->fieldValue;
    }
}
