<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Model\Campaign\AgentDay;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\JsonFactory;

/**
 * POST bandeau/campaign/today (form_key[, dayStart]): the logged-in agent's campaign day (contacts
 * left, calls and results, skips and snoozes), for the panel before any contact is claimed.
 */
class Today extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param AuthSession $authSession
     * @param AgentDay $agentDay
     * @param ClockInterface $clock
     * @param JsonReply $reply
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private AuthSession $authSession,
        private AgentDay $agentDay,
        private ClockInterface $clock,
        private JsonReply $reply
    ) {
        parent::__construct($context);
    }

    /**
     * Answers {today: {...}}.
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
        $now = $this->clock->now();
        $dayStart = $this->getRequest()->getParam('dayStart');
        return $result->setData(['today' => $this->agentDay->summary(
            (int)$user->getId(),
            $now,
            $this->agentDay->since(is_string($dayStart) ? $dayStart : null, $now)
        )]);
    }
}
