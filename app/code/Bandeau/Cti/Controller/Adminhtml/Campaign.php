<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml;

use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\View\Result\PageFactory;

/**
 * Base of the campaign admin pages (list, new, view): the Marketing > Call Campaigns menu and a
 * title; the content comes from the layout handle bandeau_campaign_<action>.
 */
abstract class Campaign extends Action implements HttpGetActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::campaigns';

    /**
     * @param Context $context
     * @param PageFactory $pageFactory
     */
    public function __construct(Context $context, private PageFactory $pageFactory)
    {
        parent::__construct($context);
    }

    /**
     * The page title.
     *
     * @return string
     */
    abstract protected function title(): string;

    /**
     * The campaign page, under Marketing > Call Campaigns, with its title.
     *
     * @return \Magento\Framework\View\Result\Page
     */
    public function execute()
    {
        $page = $this->pageFactory->create();
        $page->setActiveMenu('Bandeau_Cti::campaigns');
        $page->getConfig()->getTitle()->prepend($this->title());
        return $page;
    }
}
