<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Bandeau\Cti\Api\Data\AgentTokenInterface;

class AgentToken implements AgentTokenInterface
{
    /**
     * @param string $token
     * @param int $expiresAt
     * @param array<string,mixed> $claims
     */
    public function __construct(
        private string $token,
        private int $expiresAt,
        private array $claims
    ) {
    }

    /**
     * The signed JWT the browser presents to the bridge.
     *
     * @return string
     */
    public function getToken(): string
    {
        return $this->token;
    }

    /**
     * When the token expires (Unix time).
     *
     * @return int
     */
    public function getExpiresAt(): int
    {
        return $this->expiresAt;
    }

    /**
     * The claims the token carries (user, extension, permissions, times).
     *
     * @return array
     */
    public function getClaims(): array
    {
        return $this->claims;
    }
}
