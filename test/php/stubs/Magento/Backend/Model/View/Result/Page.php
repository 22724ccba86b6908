<?php

declare(strict_types=1);

namespace Magento\Backend\Model\View\Result;

/** Stand-in for the admin page result: the active menu item and breadcrumbs are kept for tests. */
class Page extends \Magento\Framework\View\Result\Page
{
    private ?string $activeMenu = null;
    /** @var array<int, array{0: string, 1: string}> */
    private array $breadcrumbs = [];

    public function setActiveMenu($itemId)
    {
        $this->activeMenu = (string)$itemId;
        return $this;
    }

    public function getActiveMenu(): ?string
    {
        return $this->activeMenu;
    }

    public function addBreadcrumb($label, $title, $link = null)
    {
        $this->breadcrumbs[] = [(string)$label, (string)$title];
        return $this;
    }
}
