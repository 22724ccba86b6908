<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Magento\Framework\App\Config\ScopeConfigInterface;

/**
 * Reads the module configuration (Stores > Configuration > Bandeau).
 */
class Config
{
    public const XML_PATH_BRIDGE_URL = 'bandeau/bridge/bridge_url';
    public const XML_PATH_SHARED_SECRET = 'bandeau/bridge/shared_secret';
    public const XML_PATH_TOKEN_TTL = 'bandeau/bridge/token_ttl';
    public const XML_PATH_MODE = 'bandeau/agent/mode';
    public const XML_PATH_SOFTPHONE_WS_URL = 'bandeau/agent/softphone_ws_url';
    public const XML_PATH_DEFAULT_COUNTRY = 'bandeau/general/default_country';
    public const XML_PATH_RETENTION_DAYS = 'bandeau/privacy/retention_days';

    public const MODE_DESK = 'desk';
    public const MODE_SOFTPHONE = 'softphone';

    public const DEFAULT_TOKEN_TTL = 900;
    /** The bridge refuses tokens that live longer than this by default. */
    public const MAX_TOKEN_TTL = 3600;
    /** The bridge refuses secrets shorter than this. */
    public const MIN_SECRET_LENGTH = 32;
    public const DEFAULT_RETENTION_DAYS = 365;

    /**
     * @param ScopeConfigInterface $scopeConfig
     * @param BridgeUrl $bridgeUrl
     * @param UrlParser $urlParser
     */
    public function __construct(
        private ScopeConfigInterface $scopeConfig,
        private BridgeUrl $bridgeUrl,
        private UrlParser $urlParser
    ) {
    }

    /**
     * The bridge base URL (http or https, no trailing slash), or null when missing or invalid.
     */
    public function getBridgeUrl(): ?string
    {
        $url = trim((string)$this->scopeConfig->getValue(self::XML_PATH_BRIDGE_URL));
        return $this->bridgeUrl->normalise($url);
    }

    /**
     * The shared secret, '' when not configured.
     *
     * The path has the Encrypted backend model in etc/config.xml, so Magento's config reader
     * already returns the plain text: decrypting it again would sign tokens with garbage.
     */
    public function getSharedSecret(): string
    {
        return trim((string)$this->scopeConfig->getValue(self::XML_PATH_SHARED_SECRET));
    }

    /**
     * Token lifetime in seconds, between 1 and MAX_TOKEN_TTL.
     */
    public function getTokenTtl(): int
    {
        $value = $this->scopeConfig->getValue(self::XML_PATH_TOKEN_TTL);
        if ($value === null || $value === '' || !is_numeric($value)) {
            return self::DEFAULT_TOKEN_TTL;
        }
        return max(1, min(self::MAX_TOKEN_TTL, (int)$value));
    }

    /**
     * How agents phone: "desk" (a desk phone through the PBX) or "softphone" (WebRTC in the browser).
     *
     * @return string
     */
    public function getMode(): string
    {
        $mode = (string)$this->scopeConfig->getValue(self::XML_PATH_MODE);
        return $mode === self::MODE_SOFTPHONE ? self::MODE_SOFTPHONE : self::MODE_DESK;
    }

    /**
     * The SIP-over-WebSocket URL (ws or wss) for softphone mode, or null.
     */
    public function getSoftphoneWsUrl(): ?string
    {
        $url = trim((string)$this->scopeConfig->getValue(self::XML_PATH_SOFTPHONE_WS_URL));
        if ($url === '') {
            return null;
        }
        $parts = $this->urlParser->parse($url);
        if ($parts === null || !in_array(strtolower($parts['scheme']), ['ws', 'wss'], true)) {
            return null;
        }
        return $url;
    }

    /**
     * ISO 3166-1 alpha-2 region used to read national numbers ("FR"), default "US".
     */
    public function getDefaultCountry(): string
    {
        $country = strtoupper(trim((string)$this->scopeConfig->getValue(self::XML_PATH_DEFAULT_COUNTRY)));
        return preg_match('/^[A-Z]{2}$/', $country) ? $country : 'US';
    }

    /**
     * Days after which call numbers are anonymised; 0 means keep forever.
     */
    public function getRetentionDays(): int
    {
        $value = $this->scopeConfig->getValue(self::XML_PATH_RETENTION_DAYS);
        if ($value === null || $value === '' || !is_numeric($value)) {
            return self::DEFAULT_RETENTION_DAYS;
        }
        return max(0, (int)$value);
    }
}
