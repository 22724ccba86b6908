<?php

declare(strict_types=1);

namespace Magento\Framework\View\Result;

use Magento\Backend\Model\View\Result\Page as BackendPage;

/**
 * Stand-in for the page result factory as the adminhtml area configures it (Magento_Backend's
 * adminhtml di.xml: instanceName Magento\Backend\Model\View\Result\Page).
 */
class PageFactory
{
    public function create($isView = false, array $arguments = [])
    {
        return new BackendPage();
    }
}
