<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Model\Campaign\AudienceQuery;
use Bandeau\Cti\Model\Campaign\CampaignFormParser;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Exception\LocalizedException;

/**
 * POST bandeau/campaign/preview (form_key + the cart filters of the form):
 * {"customers": n, "carts": m} — customers the campaign would call, candidate carts scanned.
 */
class Preview extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::campaigns';

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param CampaignFormParser $parser
     * @param AudienceQuery $audience
     * @param ClockInterface $clock
     * @param JsonReply $reply
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private CampaignFormParser $parser,
        private AudienceQuery $audience,
        private ClockInterface $clock,
        private JsonReply $reply
    ) {
        parent::__construct($context);
    }

    /**
     * Counts the customers (and candidate carts) the form's filters would select.
     *
     * @return \Magento\Framework\Controller\Result\Json
     */
    public function execute()
    {
        $result = $this->jsonFactory->create();
        try {
            $filter = $this->parser->audience((array)$this->getRequest()->getParams());
        } catch (LocalizedException $e) {
            return $this->reply->error($result, 400, 'invalid', $e->getMessage());
        }
        $now = $this->clock->now();
        return $result->setData([
            'customers' => $this->audience->countAudience($filter, $now),
            'carts' => $this->audience->countCandidates($filter, $now),
        ]);
    }
}
