<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Model\Campaign\Campaign;
use Bandeau\Cti\Model\Campaign\CampaignRepository;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\RedirectFactory;
use Magento\Framework\Exception\NoSuchEntityException;
use Magento\Framework\Message\ManagerInterface;

/**
 * POST bandeau/campaign/status (id, status=paused|active): pauses or resumes a built campaign.
 */
class Status extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::campaigns';

    /**
     * @param Context $context
     * @param RedirectFactory $redirectFactory
     * @param ManagerInterface $messages
     * @param CampaignRepository $repository
     */
    public function __construct(
        Context $context,
        private RedirectFactory $redirectFactory,
        private ManagerInterface $messages,
        private CampaignRepository $repository
    ) {
        parent::__construct($context);
    }

    /**
     * Pauses or resumes the campaign, then shows it.
     *
     * @return \Magento\Framework\Controller\Result\Redirect
     */
    public function execute()
    {
        $id = (int)$this->getRequest()->getParam('id');
        $status = (string)$this->getRequest()->getParam('status');
        $redirect = $this->redirectFactory->create()->setPath('bandeau/campaign/view', ['id' => $id]);
        try {
            $campaign = $this->repository->get($id);
        } catch (NoSuchEntityException $e) {
            $this->messages->addErrorMessage($e->getMessage());
            return $redirect->setPath('bandeau/campaign/index');
        }
        $movable = [Campaign::STATUS_ACTIVE, Campaign::STATUS_PAUSED];
        if (!in_array($status, $movable, true) || !in_array($campaign->status, $movable, true)) {
            $this->messages->addErrorMessage(__('Only a built campaign can be paused or resumed.'));
            return $redirect;
        }
        $this->repository->setStatus($id, $status);
        $this->messages->addSuccessMessage(
            $status === Campaign::STATUS_PAUSED ? __('The campaign is paused.') : __('The campaign is active.')
        );
        return $redirect;
    }
}
