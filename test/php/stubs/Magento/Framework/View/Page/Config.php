<?php

declare(strict_types=1);

namespace Magento\Framework\View\Page;

/** Stand-in for the page configuration: the title only. */
class Config
{
    private Title $title;

    public function __construct()
    {
        $this->title = new Title();
    }

    public function getTitle()
    {
        return $this->title;
    }
}
