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
    public const XML_PATH_BRIDGE_ADMIN_URL = 'bandeau/bridge/admin_url';
    public const XML_PATH_TOKEN_TTL = 'bandeau/bridge/token_ttl';
    public const XML_PATH_MODE = 'bandeau/agent/mode';
    public const XML_PATH_SOFTPHONE_WS_URL = 'bandeau/agent/softphone_ws_url';
    public const XML_PATH_DEFAULT_COUNTRY = 'bandeau/general/default_country';
    /** Magento's own Stores > Configuration > General > Country Options > Default Country. */
    public const XML_PATH_SHOP_COUNTRY = 'general/country/default';
    public const XML_PATH_RETENTION_DAYS = 'bandeau/privacy/retention_days';
    public const XML_PATH_EXTENSION_PATTERN = 'bandeau/dialing/extension_pattern';
    public const XML_PATH_FEATURE_CODE_PATTERN = 'bandeau/dialing/feature_code_pattern';

    public const MODE_DESK = 'desk';
    public const MODE_SOFTPHONE = 'softphone';

    public const DEFAULT_TOKEN_TTL = 900;
    /** The bridge refuses tokens that live longer than this by default. */
    public const MAX_TOKEN_TTL = 3600;
    /** The bridge refuses secrets shorter than this. */
    public const MIN_SECRET_LENGTH = 32;
    public const DEFAULT_RETENTION_DAYS = 365;
    /** Internal extensions agents may dial and transfer to (a JavaScript regular expression, matched whole). */
    public const DEFAULT_EXTENSION_PATTERN = '^[0-9]{2,6}$';
    /** PBX feature codes agents may dial ("*97" voicemail, "*7002" a colleague's voicemail). */
    public const DEFAULT_FEATURE_CODE_PATTERN = '^\\*[0-9]{2,6}$';
    /** The bridge refuses longer patterns. */
    public const MAX_PATTERN_LENGTH = 256;

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
     * The first bridge of the list (http or https, no trailing slash), or null when none is valid.
     */
    public function getBridgeUrl(): ?string
    {
        return $this->getBridgeUrls()[0] ?? null;
    }

    /**
     * Every bridge agents' browsers may use, in order of preference (the phone bar's worker
     * falls over to the next one when the one in use is unreachable); [] when none is valid.
     *
     * @return string[]
     */
    public function getBridgeUrls(): array
    {
        return $this->bridgeUrl->normaliseList((string)$this->scopeConfig->getValue(self::XML_PATH_BRIDGE_URL));
    }

    /**
     * The bridge's admin listener as Magento's server reaches it (token revocations), or null.
     *
     * @return string|null
     */
    public function getBridgeAdminUrl(): ?string
    {
        $url = trim((string)$this->scopeConfig->getValue(self::XML_PATH_BRIDGE_ADMIN_URL));
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
     * The shop's country (Magento's general/country/default, default scope), or null when unset or invalid.
     *
     * @return string|null "FR"
     */
    public function getShopCountry(): ?string
    {
        $country = strtoupper(trim((string)$this->scopeConfig->getValue(self::XML_PATH_SHOP_COUNTRY)));
        return preg_match('/^[A-Z]{2}$/', $country) ? $country : null;
    }

    /**
     * The extensions agents may dial, as a regular expression the bridge matches against the whole entry.
     *
     * The bridge is the one that enforces it (it gets it in the agent token); whatever it allows,
     * the bridge only ever dials digits, * and #. Empty allows no extension.
     *
     * @return string
     */
    public function getExtensionPattern(): string
    {
        return $this->pattern(self::XML_PATH_EXTENSION_PATTERN, self::DEFAULT_EXTENSION_PATTERN);
    }

    /**
     * The PBX feature codes agents may dial, as a regular expression; empty allows none.
     *
     * @return string
     */
    public function getFeatureCodePattern(): string
    {
        return $this->pattern(self::XML_PATH_FEATURE_CODE_PATTERN, self::DEFAULT_FEATURE_CODE_PATTERN);
    }

    /**
     * A configured dial pattern: unset is the default, an over-long one allows nothing.
     *
     * @param string $path
     * @param string $default
     * @return string
     */
    private function pattern(string $path, string $default): string
    {
        $value = $this->scopeConfig->getValue($path);
        if ($value === null) {
            return $default;
        }
        $value = trim((string)$value);
        return strlen($value) > self::MAX_PATTERN_LENGTH ? '' : $value;
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
