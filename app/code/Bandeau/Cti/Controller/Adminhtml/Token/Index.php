<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Token;

use Bandeau\Cti\Api\AgentTokenIssuerInterface;
use Bandeau\Cti\Exception\AgentTokenException;
use Bandeau\Cti\Model\Config;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\Json;
use Magento\Framework\Controller\Result\JsonFactory;

/**
 * POST bandeau/token/index (form_key checked by the backend base): mints the logged-in
 * admin user's agent token for the bridge.
 */
class Index extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';

    private const STATUS_BY_REASON = [
        AgentTokenException::NOT_LOGGED_IN => 403,
        AgentTokenException::FORBIDDEN => 403,
        AgentTokenException::NO_EXTENSION => 409,
        AgentTokenException::INVALID_EXTENSION => 409,
        AgentTokenException::NOT_CONFIGURED => 503,
    ];

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param AuthSession $authSession
     * @param AgentTokenIssuerInterface $tokenIssuer
     * @param Config $config
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private AuthSession $authSession,
        private AgentTokenIssuerInterface $tokenIssuer,
        private Config $config
    ) {
        parent::__construct($context);
    }

    /**
     * Issues the logged-in user a short-lived agent token for the bridge, never cached.
     *
     * @return \Magento\Framework\Controller\Result\Json
     */
    public function execute()
    {
        $result = $this->jsonFactory->create();
        $result->setHeader('Cache-Control', 'no-store', true);
        $user = $this->authSession->getUser();
        if ($user === null) {
            return $this->error(
                $result,
                403,
                AgentTokenException::NOT_LOGGED_IN,
                (string)__('No admin user is logged in.')
            );
        }
        $bridgeUrl = $this->config->getBridgeUrl();
        if ($bridgeUrl === null) {
            return $this->error(
                $result,
                503,
                AgentTokenException::NOT_CONFIGURED,
                (string)__('The Bandeau bridge URL is not configured (Stores > Configuration > Bandeau).')
            );
        }
        try {
            $token = $this->tokenIssuer->issue($user);
        } catch (AgentTokenException $e) {
            $status = self::STATUS_BY_REASON[$e->getReason()] ?? 500;
            return $this->error($result, $status, $e->getReason(), $e->getMessage());
        }
        return $result->setData([
            'token' => $token->getToken(),
            'expiresAt' => $token->getExpiresAt(),
            'bridgeUrl' => $bridgeUrl,
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
