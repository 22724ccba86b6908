<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Agent;

use Magento\Framework\App\Config\ScopeConfigInterface;

/**
 * Which extensions an admin user may be given (Stores > Configuration > Bandeau CTI > Agents):
 * a regular expression matched against the whole extension, on top of what the bridge accepts.
 */
class ExtensionRule
{
    public const XML_PATH_PATTERN = 'bandeau/agent/extension_pattern';
    /** Digits only: a name such as "trunk_out" must never become an agent's extension. */
    public const DEFAULT_PATTERN = '^[0-9]{2,8}$';
    private const MAX_PATTERN_LENGTH = 256;

    /**
     * @param ScopeConfigInterface $scopeConfig
     * @param AgentProfile $agentProfile
     */
    public function __construct(private ScopeConfigInterface $scopeConfig, private AgentProfile $agentProfile)
    {
    }

    /**
     * The configured pattern as typed by the merchant; unset or empty is the default (never "anything").
     *
     * @return string
     */
    public function getPattern(): string
    {
        $value = trim((string)$this->scopeConfig->getValue(self::XML_PATH_PATTERN));
        return $value === '' ? self::DEFAULT_PATTERN : $value;
    }

    /**
     * Whether the configured pattern compiles; when it does not, no extension is accepted.
     *
     * @return bool
     */
    public function isPatternUsable(): bool
    {
        $regex = $this->regex();
        if ($regex === null) {
            return false;
        }
        // A pattern that does not compile makes preg_match() warn: answer "unusable" instead.
        set_error_handler(static fn (): bool => true);
        try {
            return preg_match($regex, '') !== false;
        } finally {
            restore_error_handler();
        }
    }

    /**
     * Whether the extension matches the configured pattern as a whole and is one the bridge accepts.
     *
     * @param string $extension
     * @return bool
     */
    public function allows(string $extension): bool
    {
        if ($this->agentProfile->normaliseExtension($extension) !== $extension || !$this->isPatternUsable()) {
            return false;
        }
        $regex = (string)$this->regex();
        return preg_match($regex, $extension, $match) === 1 && $match[0] === $extension;
    }

    /**
     * The PCRE form of the configured pattern, or null when it is too long to be one.
     *
     * @return string|null
     */
    private function regex(): ?string
    {
        $pattern = $this->getPattern();
        if (strlen($pattern) > self::MAX_PATTERN_LENGTH) {
            return null;
        }
        // D: "$" does not match before a final newline.
        return '~' . str_replace('~', '\~', $pattern) . '~D';
    }
}
