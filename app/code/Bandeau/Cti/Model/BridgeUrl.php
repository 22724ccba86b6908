<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

/**
 * Validation of the configured bridge URL and the origins derived from it.
 */
class BridgeUrl
{
    private const DEFAULT_PORTS = ['http' => 80, 'https' => 443];

    /**
     * Returns the URL without trailing slash when it is an absolute http(s) URL, else null.
     */
    public static function normalise(string $url): ?string
    {
        $url = trim($url);
        if ($url === '' || preg_match('/[\s"\'<>\\\\]/', $url)) {
            return null;
        }
        $parts = parse_url($url);
        if (!is_array($parts) || empty($parts['host']) || isset($parts['user']) || isset($parts['pass'])) {
            return null;
        }
        $scheme = strtolower($parts['scheme'] ?? '');
        if (!isset(self::DEFAULT_PORTS[$scheme])) {
            return null;
        }
        return rtrim($url, '/');
    }

    /**
     * The CSP sources of the bridge: its http(s) origin and the matching ws(s) origin.
     *
     * @return string[] e.g. ['https://cti.example.com', 'wss://cti.example.com'], [] when invalid
     */
    public static function cspSources(string $url): array
    {
        $normalised = self::normalise($url);
        if ($normalised === null) {
            return [];
        }
        $parts = parse_url($normalised);
        $scheme = strtolower($parts['scheme']);
        $host = strtolower($parts['host']);
        $port = '';
        if (isset($parts['port']) && (int)$parts['port'] !== self::DEFAULT_PORTS[$scheme]) {
            $port = ':' . (int)$parts['port'];
        }
        $wsScheme = $scheme === 'https' ? 'wss' : 'ws';
        return [$scheme . '://' . $host . $port, $wsScheme . '://' . $host . $port];
    }
}
