<?php

declare(strict_types=1);

namespace Magento\Framework\Data\Form;

class FormKey
{
    public function __construct(private string $formKey = 'FORMKEY0123456789')
    {
    }

    public function getFormKey()
    {
        return $this->formKey;
    }
}
