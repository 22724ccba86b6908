<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Bridge;

/**
 * Sends one revocation to the bridge's admin listener.
 */
interface RevocationTransportInterface
{
    /**
     * POSTs the body and returns the HTTP status; throws when the bridge cannot be reached.
     *
     * @param string $url
     * @param string $body
     * @param array<string, string> $headers
     * @return int
     * @throws \RuntimeException
     */
    public function post(string $url, string $body, array $headers): int;
}
