<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Softphone;

use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Agent\SoftphoneCredentials;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\UrlParser;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\Json;
use Magento\Framework\Controller\Result\JsonFactory;

/**
 * POST bandeau/softphone/credentials (form_key checked by the backend base): the SIP account of
 * the logged-in admin user, for the softphone in the browser's worker. Never rendered in page
 * markup; answered over the authenticated admin session only, never cached.
 * Answer: {"wsUrl", "uri", "username", "password", "displayName"}; the SIP domain of `uri` is the
 * host of the configured WebSocket URL. Errors: {"error": {"code", "message"}}.
 */
class Credentials extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param AuthSession $authSession
     * @param SoftphoneCredentials $credentials
     * @param AgentProfile $agentProfile
     * @param Config $config
     * @param UrlParser $urlParser
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private AuthSession $authSession,
        private SoftphoneCredentials $credentials,
        private AgentProfile $agentProfile,
        private Config $config,
        private UrlParser $urlParser
    ) {
        parent::__construct($context);
    }

    /**
     * Answers the logged-in user's SIP account for the softphone, never cached.
     *
     * @return \Magento\Framework\Controller\Result\Json
     */
    public function execute()
    {
        $result = $this->jsonFactory->create();
        $result->setHeader('Cache-Control', 'no-store', true);
        $result->setHeader('Pragma', 'no-cache', true);
        $user = $this->authSession->getUser();
        if ($user === null) {
            return $this->error($result, 403, 'not_logged_in', (string)__('No admin user is logged in.'));
        }
        if ($this->config->getMode() !== Config::MODE_SOFTPHONE) {
            return $this->error($result, 409, 'not_softphone', (string)__('The phone bar is not in softphone mode.'));
        }
        $wsUrl = $this->config->getSoftphoneWsUrl();
        if ($wsUrl === null) {
            return $this->error(
                $result,
                503,
                'not_configured',
                (string)__('The softphone WebSocket URL is not configured (Stores > Configuration > Bandeau).')
            );
        }
        $account = $this->credentials->get($user);
        if ($account === null) {
            return $this->error(
                $result,
                409,
                'no_credentials',
                (string)__('No softphone account is set for your admin user.')
            );
        }
        $domain = (string)($this->urlParser->parse($wsUrl)['host'] ?? '');
        return $result->setData([
            'wsUrl' => $wsUrl,
            'uri' => 'sip:' . $account['username'] . '@' . $domain,
            'username' => $account['username'],
            'password' => $account['password'],
            'displayName' => $this->agentProfile->getDisplayName($user),
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
