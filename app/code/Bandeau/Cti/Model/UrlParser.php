<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

/**
 * Splits URLs into their parts for the module's checks of configured and received URLs (bridge,
 * SIP WebSocket, call recordings). It is the module's one call to PHP's URL parser: the framework
 * offers no parser of its own to use instead, and Magento's code calls parse_url() the same way.
 */
class UrlParser
{
    /**
     * The parts of an absolute URL as parse_url() gives them, or null when it has no scheme or no host.
     *
     * @param string $url
     * @return array{scheme: string, host: string, port?: int, user?: string, pass?: string,
     *     path?: string, query?: string, fragment?: string}|null
     */
    public function parse(string $url): ?array
    {
        // phpcs:ignore Magento2.Functions.DiscouragedFunction -- see the class comment
        $parts = parse_url($url);
        if (!is_array($parts) || empty($parts['scheme']) || empty($parts['host'])) {
            return null;
        }
        return $parts;
    }
}
