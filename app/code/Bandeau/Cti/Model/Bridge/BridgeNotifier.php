<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Bridge;

use Bandeau\Cti\Model\Config;

/**
 * Signed POSTs to the bridge's admin listener (token revocations, routing cache invalidations):
 * `X-Bandeau-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the shared secret>`,
 * as bridge/src/auth/revocation.ts verifies it. One place signs, so both notifications stay alike.
 */
class BridgeNotifier
{
    public const SIGNATURE_HEADER = 'X-Bandeau-Signature';

    /**
     * @param Config $config
     * @param RevocationTransportInterface $transport
     */
    public function __construct(
        private Config $config,
        private RevocationTransportInterface $transport
    ) {
    }

    /**
     * Whether the bridge's admin URL and a usable shared secret are configured.
     *
     * @return bool
     */
    public function isConfigured(): bool
    {
        return $this->config->getBridgeAdminUrl() !== null
            && strlen($this->config->getSharedSecret()) >= Config::MIN_SECRET_LENGTH;
    }

    /**
     * POSTs the signed body to the admin listener's path and returns the HTTP status.
     *
     * @param string $path e.g. /revoke
     * @param string $body JSON
     * @return int
     * @throws \RuntimeException when not configured or the bridge cannot be reached
     */
    public function post(string $path, string $body): int
    {
        $adminUrl = $this->config->getBridgeAdminUrl();
        $secret = $this->config->getSharedSecret();
        if ($adminUrl === null || strlen($secret) < Config::MIN_SECRET_LENGTH) {
            throw new \RuntimeException('the bridge admin URL or the shared secret is not configured');
        }
        return $this->transport->post($adminUrl . $path, $body, [
            'Content-Type' => 'application/json',
            self::SIGNATURE_HEADER => 'sha256=' . hash_hmac('sha256', $body, $secret),
        ]);
    }
}
