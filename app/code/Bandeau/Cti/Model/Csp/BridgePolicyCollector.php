<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Csp;

use Bandeau\Cti\Model\BridgeUrl;
use Bandeau\Cti\Model\Config;
use Magento\Csp\Api\PolicyCollectorInterface;
use Magento\Csp\Model\Policy\FetchPolicy;

/**
 * Allows the admin pages (and the worker) to connect to the merchant-configured bridges (every
 * one of the list: the worker may fall over to any of them): each one's http(s) origin for
 * socket.io polling and the matching ws(s) origin for the WebSocket.
 */
class BridgePolicyCollector implements PolicyCollectorInterface
{
    /**
     * @param Config $config
     * @param BridgeUrl $bridgeUrl
     */
    public function __construct(private Config $config, private BridgeUrl $bridgeUrl)
    {
    }

    /**
     * Adds every valid bridge's http(s) and ws(s) origins to connect-src.
     *
     * @param array $defaultPolicies
     * @return array
     */
    public function collect(array $defaultPolicies = []): array
    {
        $sources = [];
        foreach ($this->config->getBridgeUrls() as $url) {
            array_push($sources, ...$this->bridgeUrl->cspSources($url));
        }
        $sources = array_values(array_unique($sources));
        if ($sources === []) {
            return $defaultPolicies;
        }
        $defaultPolicies[] = new FetchPolicy('connect-src', false, $sources);
        return $defaultPolicies;
    }
}
