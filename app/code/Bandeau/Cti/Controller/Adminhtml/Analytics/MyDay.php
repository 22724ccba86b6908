<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Analytics;

use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Analytics\AgentDaySummary;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\JsonFactory;

/**
 * POST bandeau/analytics/myDay (form_key): the logged-in agent's day for the phone bar's "My day":
 * today's calls, the missed calls to call back, their campaign results. No parameter chooses whose
 * day: it is always the session's admin user; "today" is the store's default time zone.
 */
class MyDay extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param AuthSession $authSession
     * @param AgentProfile $agentProfile
     * @param AgentDaySummary $summary
     * @param ClockInterface $clock
     * @param JsonReply $reply
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private AuthSession $authSession,
        private AgentProfile $agentProfile,
        private AgentDaySummary $summary,
        private ClockInterface $clock,
        private JsonReply $reply
    ) {
        parent::__construct($context);
    }

    /**
     * Answers {day, calls, callBack, campaigns} (AgentDaySummary::summary()).
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
        $result->setHeader('Cache-Control', 'no-store', true);
        return $result->setData($this->summary->summary(
            (int)$user->getId(),
            $this->agentProfile->getExtension($user),
            $this->clock->now()
        ));
    }
}
