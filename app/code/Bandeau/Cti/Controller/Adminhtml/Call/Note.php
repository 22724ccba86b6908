<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Call;

use Bandeau\Cti\Api\CallWrapUpInterface;
use Bandeau\Cti\Model\Permissions;
use Bandeau\Cti\Model\WrapUp\WrapUp;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\Json;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Exception\AuthorizationException;
use Magento\Framework\Exception\LocalizedException;

/**
 * POST bandeau/call/note (form_key, call_id[, note, outcome, tags, follow_up_at, customer_id,
 * direction]): the wrap-up the agent writes from the phone bar after a call. `tags` is a list
 * (tags[]=…) or one comma-separated string; `follow_up_at` a date (2026-11-20) or an ISO-8601
 * date-time. Answers the wrap-up as stored (callId, note, outcome, tags, followUpAt, customerId).
 */
class Note extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';
    public const MAX_NOTE_LENGTH = 65535;

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param AuthSession $authSession
     * @param CallWrapUpInterface $wrapUp
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private AuthSession $authSession,
        private CallWrapUpInterface $wrapUp
    ) {
        parent::__construct($context);
    }

    /**
     * Saves the agent's wrap-up of a call and answers it as stored, or an error.
     *
     * @return \Magento\Framework\Controller\Result\Json
     */
    public function execute()
    {
        $result = $this->jsonFactory->create();
        $user = $this->authSession->getUser();
        if ($user === null) {
            return $this->error($result, 403, 'not_logged_in', (string)__('No admin user is logged in.'));
        }
        $request = $this->getRequest();
        $callId = trim((string)$request->getParam('call_id'));
        $note = $request->getParam('note');
        if ($callId === '') {
            return $this->error($result, 400, 'invalid', (string)__('A call is required.'));
        }
        if (is_string($note) && strlen($note) > self::MAX_NOTE_LENGTH) {
            return $this->error($result, 400, 'invalid', (string)__('The note is too long.'));
        }
        $tags = $request->getParam('tags');
        if (is_string($tags)) {
            $tags = explode(',', $tags);
        }
        $customerId = $request->getParam('customer_id');
        $followUp = $request->getParam('follow_up_at');
        $outcome = $request->getParam('outcome');
        $direction = $request->getParam('direction');
        $wrapUp = new WrapUp(
            $callId,
            is_string($note) ? $note : null,
            is_string($outcome) ? $outcome : null,
            is_array($tags) ? array_map('strval', array_filter($tags, 'is_scalar')) : [],
            is_string($followUp) ? $followUp : null,
            is_scalar($customerId) && ctype_digit((string)$customerId) ? (int)$customerId : null
        );
        try {
            $saved = $this->wrapUp->save(
                $wrapUp,
                (int)$user->getId(),
                (bool)$this->_authorization->isAllowed(Permissions::RESOURCE_ALL_CALLS),
                is_string($direction) ? $direction : null
            );
        } catch (AuthorizationException $e) {
            return $this->error($result, 403, 'forbidden', $e->getMessage());
        } catch (LocalizedException $e) {
            return $this->error($result, 400, 'invalid', $e->getMessage());
        }
        return $result->setData([
            'callId' => $saved->getCallId(),
            'note' => $saved->getNote(),
            'outcome' => $saved->getOutcome(),
            'tags' => $saved->getTags(),
            'followUpAt' => $saved->getFollowUpAt(),
            'customerId' => $saved->getCustomerId(),
        ]);
    }

    /**
     * Sets the HTTP status and the {"error": {"code", "message"}} body, and returns the result.
     *
     * @param Json $result
     * @param int $status
     * @param string $code
     * @param string $message
     * @return Json
     */
    private function error(Json $result, int $status, string $code, string $message): Json
    {
        $result->setHttpResponseCode($status);
        return $result->setData(['error' => ['code' => $code, 'message' => $message]]);
    }
}
