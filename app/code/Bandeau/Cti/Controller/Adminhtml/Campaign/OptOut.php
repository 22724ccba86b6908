<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Model\Campaign\OptOut as OptOutModel;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\RedirectFactory;
use Magento\Framework\Message\ManagerInterface;

/**
 * POST bandeau/campaign/optOut (customer_id, optout=1|0): the "No campaign calls" toggle of the
 * customer page (Block\Adminhtml\Campaign\OptOutButton).
 */
class OptOut extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';

    /**
     * @param Context $context
     * @param RedirectFactory $redirectFactory
     * @param ManagerInterface $messages
     * @param AuthSession $authSession
     * @param OptOutModel $optOut
     */
    public function __construct(
        Context $context,
        private RedirectFactory $redirectFactory,
        private ManagerInterface $messages,
        private AuthSession $authSession,
        private OptOutModel $optOut
    ) {
        parent::__construct($context);
    }

    /**
     * Opts the customer out of (or back into) campaign calls, then goes back to the customer.
     *
     * @return \Magento\Framework\Controller\Result\Redirect
     */
    public function execute()
    {
        $customerId = (int)$this->getRequest()->getParam('customer_id');
        $redirect = $this->redirectFactory->create();
        if ($customerId <= 0) {
            $this->messages->addErrorMessage(__('A customer is required.'));
            return $redirect->setPath('customer/index/index');
        }
        if ((string)$this->getRequest()->getParam('optout') === '0') {
            $this->optOut->optIn($customerId);
            $this->messages->addSuccessMessage(__('Campaigns may call this customer again.'));
        } else {
            $user = $this->authSession->getUser();
            $this->optOut->optOut($customerId, $user !== null && $user->getId() ? (int)$user->getId() : null);
            $this->messages->addSuccessMessage(__('This customer will not be called by campaigns.'));
        }
        return $redirect->setPath('customer/index/edit', ['id' => $customerId]);
    }
}
