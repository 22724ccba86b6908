<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Call;

use Bandeau\Cti\Api\CallManagementInterface;
use Bandeau\Cti\Model\Permissions;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\Json;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Exception\AuthorizationException;
use Magento\Framework\Exception\LocalizedException;

/**
 * POST bandeau/call/note (form_key, call_id, note[, direction]): the wrap-up note the agent
 * writes from the phone bar after a call.
 */
class Note extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';
    public const MAX_NOTE_LENGTH = 65535;

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param AuthSession $authSession
     * @param CallManagementInterface $callManagement
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private AuthSession $authSession,
        private CallManagementInterface $callManagement
    ) {
        parent::__construct($context);
    }

    /**
     * Saves the agent's note on a call and answers the stored call, or an error.
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
        $note = (string)$request->getParam('note');
        if ($callId === '') {
            return $this->error($result, 400, 'invalid', (string)__('A call is required.'));
        }
        if (strlen($note) > self::MAX_NOTE_LENGTH) {
            return $this->error($result, 400, 'invalid', (string)__('The note is too long.'));
        }
        $direction = $request->getParam('direction');
        try {
            $call = $this->callManagement->saveNote(
                $callId,
                $note,
                (int)$user->getId(),
                (bool)$this->_authorization->isAllowed(Permissions::RESOURCE_ALL_CALLS),
                is_string($direction) ? $direction : null
            );
        } catch (AuthorizationException $e) {
            return $this->error($result, 403, 'forbidden', $e->getMessage());
        } catch (LocalizedException $e) {
            return $this->error($result, 400, 'invalid', $e->getMessage());
        }
        return $result->setData(['callId' => $call->getCallId(), 'note' => $call->getNote()]);
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
