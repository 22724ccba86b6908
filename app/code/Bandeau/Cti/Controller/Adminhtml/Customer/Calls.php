<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Customer;

use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\View\Result\LayoutFactory;

/**
 * The content of the customer "Calls" tab (layout handle bandeau_customer_calls).
 */
class Calls extends Action implements HttpGetActionInterface, HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';

    /**
     * @param Context $context
     * @param LayoutFactory $layoutFactory
     */
    public function __construct(Context $context, private LayoutFactory $layoutFactory)
    {
        parent::__construct($context);
    }

    /**
     * The customer page's Calls tab (a layout of its own).
     *
     * @return \Magento\Framework\View\Result\Layout
     */
    public function execute()
    {
        return $this->layoutFactory->create();
    }
}
