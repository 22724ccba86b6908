<?php

declare(strict_types=1);

namespace Bandeau\Cti\Exception;

use Magento\Framework\Exception\LocalizedException;
use Magento\Framework\Phrase;

/**
 * Why an agent token cannot be minted; the reason maps to an HTTP status in the token controller.
 */
class AgentTokenException extends LocalizedException
{
    /** The shared secret or the bridge URL is missing or unusable (HTTP 503). */
    public const NOT_CONFIGURED = 'not_configured';
    /** The admin user's role lacks the phone bar resource (HTTP 403). */
    public const FORBIDDEN = 'forbidden';
    /** The admin user has no extension (HTTP 409). */
    public const NO_EXTENSION = 'no_extension';
    /** The admin user's stored extension does not match the agent extension pattern (HTTP 409). */
    public const INVALID_EXTENSION = 'invalid_extension';
    /** No admin user is logged in (HTTP 403). */
    public const NOT_LOGGED_IN = 'not_logged_in';

    /**
     * @var string one of the constants above
     */
    private string $reason;

    /**
     * @param string $reason
     * @param Phrase $phrase
     * @param \Exception|null $cause
     */
    public function __construct(string $reason, Phrase $phrase, ?\Exception $cause = null)
    {
        $this->reason = $reason;
        parent::__construct($phrase, $cause);
    }

    /**
     * Why no token was issued (NOT_LOGGED_IN, NO_EXTENSION, …), sent to the browser as the error code.
     *
     * @return string
     */
    public function getReason(): string
    {
        return $this->reason;
    }
}
