<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Model\Campaign\AgentDay;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Campaign\NextContact;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\UrlInterface;

/**
 * POST bandeau/campaign/next (form_key[, dayStart]): claims the logged-in agent's next campaign contact;
 * `today` carries the agent's day counters (AgentDay).
 * Contract: test/contract/campaign.next.response.json (and campaign.next.none.response.json).
 */
class Next extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param AuthSession $authSession
     * @param NextContact $nextContact
     * @param UrlInterface $url
     * @param JsonReply $reply
     * @param AgentDay $agentDay
     * @param ClockInterface $clock
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private AuthSession $authSession,
        private NextContact $nextContact,
        private UrlInterface $url,
        private JsonReply $reply,
        private AgentDay $agentDay,
        private ClockInterface $clock
    ) {
        parent::__construct($context);
    }

    /**
     * Claims the agent's next contact and answers it with its customer page URL, or why none.
     *
     * @return \Magento\Framework\Controller\Result\Json
     */
    public function execute()
    {
        $result = $this->jsonFactory->create();
        $user = $this->authSession->getUser();
        if ($user === null || !$user->getId()) {
            return $this->reply->notLoggedIn($result);
        }
        $data = $this->nextContact->next((int)$user->getId());
        if ($data['contact'] !== null) {
            $data['contact']['customerUrl'] = $this->url->getUrl(
                'customer/index/edit',
                ['id' => $data['contact']['customerId']]
            );
        }
        $now = $this->clock->now();
        $dayStart = $this->getRequest()->getParam('dayStart');
        $data['today'] = $this->agentDay->summary(
            (int)$user->getId(),
            $now,
            $this->agentDay->since(is_string($dayStart) ? $dayStart : null, $now)
        );
        return $result->setData($data);
    }
}
