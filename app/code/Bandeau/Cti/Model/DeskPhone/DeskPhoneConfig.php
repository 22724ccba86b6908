<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\DeskPhone;

use Bandeau\Cti\Model\BridgeUrl;
use Bandeau\Cti\Model\Config;
use Magento\Framework\App\Config\ScopeConfigInterface;

/**
 * Desk phone settings (Stores > Configuration > Bandeau CTI > Desk Phones).
 */
class DeskPhoneConfig
{
    public const XML_PATH_BRIDGE_URL = 'bandeau/phones/bridge_url';
    public const XML_PATH_AUTH = 'bandeau/phones/auth';
    public const XML_PATH_TOKEN_VERSION = 'bandeau/phones/token_version';
    public const XML_PATH_STAFF = 'bandeau/phones/staff';

    /** A device token in each URL (t=...). */
    public const AUTH_TOKEN = 'token';
    /** HTTP basic auth: user = extension, password = device token. */
    public const AUTH_BASIC = 'basic';

    /**
     * @param ScopeConfigInterface $scopeConfig
     * @param Config $config
     * @param BridgeUrl $bridgeUrl
     * @param StaffLines $staffLines
     */
    public function __construct(
        private ScopeConfigInterface $scopeConfig,
        private Config $config,
        private BridgeUrl $bridgeUrl,
        private StaffLines $staffLines
    ) {
    }

    /**
     * The bridge as the phones reach it (often a LAN address), else the bridge URL agents use;
     * null when the one that applies is not valid.
     *
     * @return string|null without trailing slash
     */
    public function getBridgeUrl(): ?string
    {
        $url = trim((string)$this->scopeConfig->getValue(self::XML_PATH_BRIDGE_URL));
        if ($url === '') {
            return $this->config->getBridgeUrl();
        }
        return $this->bridgeUrl->normalise($url);
    }

    /**
     * How phones prove who they are: "token" (in the URL) or "basic" (HTTP basic auth).
     *
     * @return string
     */
    public function getAuth(): string
    {
        return (string)$this->scopeConfig->getValue(self::XML_PATH_AUTH) === self::AUTH_BASIC
            ? self::AUTH_BASIC
            : self::AUTH_TOKEN;
    }

    /**
     * The version in the device tokens (bump it on both sides to change every token), at least 1.
     *
     * @return int
     */
    public function getTokenVersion(): int
    {
        $value = $this->scopeConfig->getValue(self::XML_PATH_TOKEN_VERSION);
        return is_numeric($value) ? max(1, (int)$value) : 1;
    }

    /**
     * The configured staff extensions, as [name, extension] pairs (invalid lines left out).
     *
     * @return array<int, array{0: string, 1: string}>
     */
    public function getStaffLines(): array
    {
        return $this->staffLines->parseValid((string)$this->scopeConfig->getValue(self::XML_PATH_STAFF));
    }

    /**
     * The secret device tokens are derived from (the one agent tokens are signed with), '' when unset.
     *
     * @return string
     */
    public function getSharedSecret(): string
    {
        return $this->config->getSharedSecret();
    }
}
