<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml;

use Bandeau\Cti\Model\Campaign\AgentDay;
use Bandeau\Cti\Model\Campaign\ContactDeferral;
use Bandeau\Cti\Model\Campaign\ContactUnavailableException;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Exception\LocalizedException;

/**
 * Base of the campaign skip and snooze actions (Campaign/Skip, Campaign/Snooze): the logged-in
 * agent, the contact they hold, the answer with their day.
 */
abstract class CampaignDeferral extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param AuthSession $authSession
     * @param ContactDeferral $deferral
     * @param AgentDay $agentDay
     * @param ClockInterface $clock
     * @param JsonReply $reply
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private AuthSession $authSession,
        protected ContactDeferral $deferral,
        private AgentDay $agentDay,
        private ClockInterface $clock,
        private JsonReply $reply
    ) {
        parent::__construct($context);
    }

    /**
     * Skips or snoozes the contact.
     *
     * @param int $agentId
     * @param int $contactId
     * @param int $now
     * @return array{contactId: int, status: string, nextAttemptAt: ?string}
     */
    abstract protected function defer(int $agentId, int $contactId, int $now): array;

    /**
     * Moves the agent's contact and answers where it went, with the agent's day counters.
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
        $agentId = (int)$user->getId();
        $contactId = (int)$this->getRequest()->getParam('contactId');
        if ($contactId <= 0) {
            return $this->reply->error($result, 400, 'invalid', (string)__('A contact is required.'));
        }
        $now = $this->clock->now();
        try {
            $data = $this->defer($agentId, $contactId, $now);
        } catch (ContactUnavailableException $e) {
            return $this->reply->error($result, 409, 'not_claimed', $e->getMessage());
        } catch (LocalizedException $e) {
            return $this->reply->error($result, 400, 'invalid', $e->getMessage());
        }
        $dayStart = $this->getRequest()->getParam('dayStart');
        $data['today'] = $this->agentDay->summary(
            $agentId,
            $now,
            $this->agentDay->since(is_string($dayStart) ? $dayStart : null, $now)
        );
        return $result->setData($data);
    }
}
