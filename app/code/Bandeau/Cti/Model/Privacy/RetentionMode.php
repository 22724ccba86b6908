<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Privacy;

use Bandeau\Cti\Model\Config;
use Magento\Framework\App\Config\ScopeConfigInterface;

/**
 * What the nightly retention does to old calls (Stores > Configuration > Bandeau > Privacy), and
 * the key of the pseudonyms.
 */
class RetentionMode
{
    public const XML_PATH_MODE = 'bandeau/privacy/retention_mode';
    public const XML_PATH_PSEUDONYM_KEY = 'bandeau/privacy/pseudonym_key';

    /** Everything personal cleared: nothing left points to a person. */
    public const ANONYMISE = 'anonymise';
    /** The same, but the outside number becomes a keyed hash, so repeat callers can still be counted. */
    public const PSEUDONYMISE = 'pseudonymise';
    public const MODES = [self::ANONYMISE, self::PSEUDONYMISE];

    /** Derives the pseudonym key from the shared secret when none is configured. */
    private const DERIVATION_LABEL = 'bandeau-cti call pseudonyms v1';

    /**
     * @param ScopeConfigInterface $scopeConfig
     * @param Config $config
     */
    public function __construct(private ScopeConfigInterface $scopeConfig, private Config $config)
    {
    }

    /**
     * The configured mode; anonymise when unset or unknown.
     *
     * @return string
     */
    public function getMode(): string
    {
        $mode = trim((string)$this->scopeConfig->getValue(self::XML_PATH_MODE));
        return in_array($mode, self::MODES, true) ? $mode : self::ANONYMISE;
    }

    /**
     * The HMAC key of the pseudonyms: the configured key (stored encrypted, so read as plain text),
     * else one derived from the bridge's shared secret; '' when neither is set (then retention
     * anonymises instead).
     *
     * @return string
     */
    public function getPseudonymKey(): string
    {
        $key = trim((string)$this->scopeConfig->getValue(self::XML_PATH_PSEUDONYM_KEY));
        if ($key !== '') {
            return $key;
        }
        $secret = $this->config->getSharedSecret();
        return $secret === '' ? '' : hash_hmac('sha256', self::DERIVATION_LABEL, $secret, true);
    }
}
