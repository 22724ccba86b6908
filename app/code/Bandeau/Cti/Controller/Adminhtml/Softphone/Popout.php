<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Softphone;

use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\View\Result\PageFactory;

/**
 * GET bandeau/softphone/popout: the pop-out phone window. A page that never navigates owns the
 * softphone's audio (and SIP where the browser's worker dies on navigation); its layout handle
 * bandeau_softphone_popout renders only the phone bar, in its "popout" role.
 */
class Popout extends Action implements HttpGetActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';

    /**
     * The bar opens the window by a stable URL: no secret key (the admin session and ACL still apply).
     *
     * @var string[]
     */
    protected $_publicActions = ['popout']; // phpcs:ignore PSR2.Classes.PropertyDeclaration.Underscore

    /**
     * @param Context $context
     * @param PageFactory $pageFactory
     */
    public function __construct(Context $context, private PageFactory $pageFactory)
    {
        parent::__construct($context);
    }

    /**
     * The pop-out phone window.
     *
     * @return \Magento\Framework\View\Result\Page
     */
    public function execute()
    {
        $page = $this->pageFactory->create();
        $page->getConfig()->getTitle()->prepend(__('Phone'));
        return $page;
    }
}
