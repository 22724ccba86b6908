<?php

declare(strict_types=1);

namespace Magento\User\Block\User\Edit\Tab;

use Magento\Framework\Data\Form;

/**
 * Stand-in for the admin user edit form tab (only its form).
 */
class Main
{
    public function __construct(private ?Form $form = null)
    {
    }

    public function getForm()
    {
        return $this->form;
    }
}
