<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Model\Campaign\BuildProgress;
use Bandeau\Cti\Model\Campaign\CampaignRepository;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Exception\NoSuchEntityException;

/**
 * GET bandeau/campaign/progress/id/N: the build progress the campaign page polls,
 * {"campaignId","campaignStatus","status","total","processed","contacts","percent","message"}.
 */
class Progress extends Action implements HttpGetActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::campaigns';

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param CampaignRepository $repository
     * @param BuildProgress $progress
     * @param JsonReply $reply
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private CampaignRepository $repository,
        private BuildProgress $progress,
        private JsonReply $reply
    ) {
        parent::__construct($context);
    }

    /**
     * Answers the campaign's status and build progress.
     *
     * @return \Magento\Framework\Controller\Result\Json
     */
    public function execute()
    {
        $result = $this->jsonFactory->create();
        $id = (int)$this->getRequest()->getParam('id');
        try {
            $campaign = $this->repository->get($id);
        } catch (NoSuchEntityException $e) {
            return $this->reply->error($result, 404, 'not_found', $e->getMessage());
        }
        return $result->setData(
            ['campaignStatus' => $campaign->status] + $this->progress->toJson($id, $this->progress->get($id))
        );
    }
}
