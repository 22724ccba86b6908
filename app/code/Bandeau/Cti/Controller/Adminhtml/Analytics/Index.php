<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Analytics;

use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\View\Result\PageFactory;

/**
 * GET bandeau/analytics/index: the Reports › Calls dashboard. The filter is the query string
 * (from, to, store, direction, agent); the content comes from the layout handle bandeau_analytics_index.
 */
class Index extends Action implements HttpGetActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::analytics';
    public const MENU_ID = 'Bandeau_Cti::analytics';

    /**
     * @param Context $context
     * @param PageFactory $pageFactory
     */
    public function __construct(Context $context, private PageFactory $pageFactory)
    {
        parent::__construct($context);
    }

    /**
     * The dashboard page, under Reports › Calls, titled "Call Analytics".
     *
     * @return \Magento\Framework\View\Result\Page
     */
    public function execute()
    {
        $page = $this->pageFactory->create();
        $page->setActiveMenu(self::MENU_ID);
        $page->getConfig()->getTitle()->prepend((string)__('Call Analytics'));
        return $page;
    }
}
