<?php

declare(strict_types=1);

namespace Magento\Framework\View\Page;

/**
 * Stand-in for the page title: set, prepend and append build the parts; get() joins them with
 * " / " as Magento's does.
 */
class Title
{
    /** @var string[] */
    private array $prepended = [];
    /** @var string[] */
    private array $appended = [];
    private string $title = '';

    public function set($title)
    {
        $this->title = (string)$title;
    }

    public function get()
    {
        return implode(' / ', array_filter(array_merge($this->prepended, [$this->title], $this->appended), 'strlen'));
    }

    public function getShort()
    {
        return $this->get();
    }

    public function prepend($prefix)
    {
        array_unshift($this->prepended, (string)$prefix);
    }

    public function append($suffix)
    {
        $this->appended[] = (string)$suffix;
    }

    public function unsetValue()
    {
        $this->title = '';
    }
}
