<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

/**
 * Validation of the configured bridge URL and the origins derived from it.
 */
class BridgeUrl
{
    private const DEFAULT_PORTS = ['http' => 80, 'https' => 443];

    /** The phone bar's worker tries at most this many bridges (bridgeUrls in the page config). */
    public const MAX_URLS = 10;

    /**
     * @param UrlParser $urlParser
     */
    public function __construct(private UrlParser $urlParser)
    {
    }

    /**
     * Returns the URL without trailing slash when it is an absolute http(s) URL, else null.
     *
     * @param string $url
     * @return string|null
     */
    public function normalise(string $url): ?string
    {
        $url = trim($url);
        if ($url === '' || preg_match('/[\s"\'<>\\\\]/', $url)) {
            return null;
        }
        $parts = $this->urlParser->parse($url);
        if ($parts === null || isset($parts['user']) || isset($parts['pass'])) {
            return null;
        }
        if (!isset(self::DEFAULT_PORTS[strtolower($parts['scheme'])])) {
            return null;
        }
        return rtrim($url, '/');
    }

    /**
     * The entries of a list of bridge URLs: one a line or comma-separated, blanks dropped.
     *
     * @param string $list
     * @return string[] trimmed, in order, as written
     */
    public function entries(string $list): array
    {
        $entries = preg_split('/[\r\n,]+/', $list) ?: [];
        return array_values(array_filter(array_map('trim', $entries), static fn (string $e): bool => $e !== ''));
    }

    /**
     * The valid bridges of a list, normalised, in order, each once; invalid entries are left out
     * (the admin form refuses them on save: Config\Backend\BridgeUrls).
     *
     * @param string $list
     * @return string[]
     */
    public function normaliseList(string $list): array
    {
        $urls = [];
        foreach ($this->entries($list) as $entry) {
            $url = $this->normalise($entry);
            if ($url !== null && !in_array($url, $urls, true)) {
                $urls[] = $url;
            }
        }
        return array_slice($urls, 0, self::MAX_URLS);
    }

    /**
     * The CSP sources of the bridge: its http(s) origin and the matching ws(s) origin.
     *
     * @param string $url
     * @return string[] e.g. ['https://cti.example.com', 'wss://cti.example.com'], [] when invalid
     */
    public function cspSources(string $url): array
    {
        $normalised = $this->normalise($url);
        $parts = $normalised === null ? null : $this->urlParser->parse($normalised);
        if ($parts === null) {
            return [];
        }
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
