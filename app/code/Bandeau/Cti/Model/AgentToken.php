<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Bandeau\Cti\Api\Data\AgentTokenInterface;

class AgentToken implements AgentTokenInterface
{
    /**
     * @param array<string, mixed> $claims
     */
    public function __construct(
        private string $token,
        private int $expiresAt,
        private array $claims
    ) {
    }

    public function getToken(): string
    {
        return $this->token;
    }

    public function getExpiresAt(): int
    {
        return $this->expiresAt;
    }

    public function getClaims(): array
    {
        return $this->claims;
    }
}
