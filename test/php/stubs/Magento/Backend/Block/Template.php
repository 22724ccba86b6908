<?php

declare(strict_types=1);

namespace Magento\Backend\Block;

/**
 * Stand-in for the admin template block: a template block that also gives the session's form key
 * (admin POST forms carry it), here a fixed one.
 */
class Template extends \Magento\Framework\View\Element\Template
{
    public const FORM_KEY = 'stubFormKey123';

    public function getFormKey()
    {
        return self::FORM_KEY;
    }
}
