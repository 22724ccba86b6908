<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Calls;

use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\View\Result\PageFactory;

/**
 * Customers > Calls: the grid of every call (UI component bandeau_call_listing).
 */
class Index extends Action implements HttpGetActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::all_calls';

    /**
     * @param Context $context
     * @param PageFactory $pageFactory
     */
    public function __construct(Context $context, private PageFactory $pageFactory)
    {
        parent::__construct($context);
    }

    /**
     * The Calls grid page.
     *
     * @return \Magento\Framework\View\Result\Page
     */
    public function execute()
    {
        $page = $this->pageFactory->create();
        $page->setActiveMenu('Bandeau_Cti::calls');
        $page->getConfig()->getTitle()->prepend(__('Calls'));
        return $page;
    }
}
