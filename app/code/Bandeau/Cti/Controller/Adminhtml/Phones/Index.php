<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Phones;

use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\View\Result\PageFactory;

/**
 * GET bandeau/phones/index: Stores › Bandeau CTI › Desk Phones, the URLs and device tokens to paste
 * into each desk phone's provisioning; the content comes from the layout handle bandeau_phones_index.
 */
class Index extends Action implements HttpGetActionInterface
{
    /** The page shows device tokens, which open the phone book to whoever holds one. */
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phones';
    public const MENU_ID = 'Bandeau_Cti::phones';

    /**
     * @param Context $context
     * @param PageFactory $pageFactory
     */
    public function __construct(Context $context, private PageFactory $pageFactory)
    {
        parent::__construct($context);
    }

    /**
     * The page, titled "Desk Phones".
     *
     * @return \Magento\Framework\View\Result\Page
     */
    public function execute()
    {
        $page = $this->pageFactory->create();
        $page->setActiveMenu(self::MENU_ID);
        $page->getConfig()->getTitle()->prepend((string)__('Desk Phones'));
        return $page;
    }
}
