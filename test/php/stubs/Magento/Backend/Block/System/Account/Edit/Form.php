<?php

declare(strict_types=1);

namespace Magento\Backend\Block\System\Account\Edit;

/**
 * Stand-in for the My Account form block (only its form).
 */
class Form
{
    public function __construct(private ?\Magento\Framework\Data\Form $form = null)
    {
    }

    public function getForm()
    {
        return $this->form;
    }
}
