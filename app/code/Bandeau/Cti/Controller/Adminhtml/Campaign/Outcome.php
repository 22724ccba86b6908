<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Model\Campaign\AgentDay;
use Bandeau\Cti\Model\Campaign\ContactUnavailableException;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Campaign\OutcomeRecorder;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Exception\LocalizedException;

/**
 * POST bandeau/campaign/outcome (form_key, contactId, outcome, note, callbackAt, callId, optOut[, dayStart]):
 * records the result of a campaign call; `today` carries the agent's day counters (AgentDay).
 * Contract: test/contract/campaign.outcome.*.json.
 */
class Outcome extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param AuthSession $authSession
     * @param OutcomeRecorder $recorder
     * @param ClockInterface $clock
     * @param JsonReply $reply
     * @param AgentDay $agentDay
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private AuthSession $authSession,
        private OutcomeRecorder $recorder,
        private ClockInterface $clock,
        private JsonReply $reply,
        private AgentDay $agentDay
    ) {
        parent::__construct($context);
    }

    /**
     * Records the outcome of the agent's call to a contact and answers what happens next.
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
        $request = $this->getRequest();
        $contactId = (int)$request->getParam('contactId');
        if ($contactId <= 0) {
            return $this->reply->error($result, 400, 'invalid', (string)__('A contact is required.'));
        }
        $callbackAt = $request->getParam('callbackAt');
        $callId = $request->getParam('callId', $request->getParam('call_id'));
        $now = $this->clock->now();
        try {
            $data = $this->recorder->record(
                (int)$user->getId(),
                $contactId,
                (string)$request->getParam('outcome'),
                (string)$request->getParam('note', ''),
                is_string($callbackAt) ? $callbackAt : null,
                is_string($callId) ? $callId : null,
                $now,
                in_array((string)$request->getParam('optOut'), ['1', 'true'], true)
            );
        } catch (ContactUnavailableException $e) {
            return $this->reply->error($result, 409, 'not_claimed', $e->getMessage());
        } catch (LocalizedException $e) {
            return $this->reply->error($result, 400, 'invalid', $e->getMessage());
        }
        $dayStart = $request->getParam('dayStart');
        $data['today'] = $this->agentDay->summary(
            (int)$user->getId(),
            $now,
            $this->agentDay->since(is_string($dayStart) ? $dayStart : null, $now)
        );
        return $result->setData($data);
    }
}
