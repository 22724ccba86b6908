<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * A signed agent token and when it expires.
 *
 * @api
 */
interface AgentTokenInterface
{
    /**
     * The compact JWT (HS256).
     */
    public function getToken(): string;

    /**
     * Expiry as Unix seconds (the token's exp claim).
     */
    public function getExpiresAt(): int;

    /**
     * The claims that were signed.
     *
     * @return array<string, mixed>
     */
    public function getClaims(): array;
}
