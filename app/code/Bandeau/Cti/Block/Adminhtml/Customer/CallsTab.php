<?php

declare(strict_types=1);

namespace Bandeau\Cti\Block\Adminhtml\Customer;

use Magento\Framework\AuthorizationInterface;
use Magento\Framework\View\Element\Template\Context;
use Magento\Ui\Component\Layout\Tabs\TabWrapper;

/**
 * "Calls" tab of the customer edit page, loaded by AJAX from bandeau/customer/calls
 * (the same way core Sales adds its "Orders" tab).
 */
class CallsTab extends TabWrapper
{
    /**
     * @var bool
     */
    protected $isAjaxLoaded = true;

    /**
     * @param Context $context
     * @param AuthorizationInterface $authorization
     * @param array $data
     */
    public function __construct(Context $context, private AuthorizationInterface $authorization, array $data = [])
    {
        parent::__construct($context, $data);
    }

    /**
     * Shown on saved customers, to admin users allowed to use the phone bar.
     *
     * @return bool
     */
    public function canShowTab()
    {
        return (bool)$this->getRequest()->getParam('id')
            && $this->authorization->isAllowed('Bandeau_Cti::phone_bar');
    }

    /**
     * The tab title, "Calls".
     *
     * @return \Magento\Framework\Phrase
     */
    public function getTabLabel()
    {
        return __('Calls');
    }

    /**
     * The URL the tab loads its content from (bandeau/customer/calls).
     *
     * @return string
     */
    public function getTabUrl()
    {
        return $this->getUrl('bandeau/customer/calls', ['_current' => true]);
    }
}
