<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Magento\Backend\Model\UrlInterface;

/**
 * Admin URL builder stand-in: adds "key/<secret>/" unless _nosecret is set, and _query as a query
 * string, like the real one.
 */
class FakeBackendUrl implements UrlInterface
{
    public function __construct(
        private string $base = 'https://shop.example.com/admin_x1/',
        private string $secretKey = 'a1b2c3'
    ) {
    }

    public function getUrl($routePath = null, $routeParams = null)
    {
        $routeParams = (array)$routeParams;
        $url = $this->base . trim((string)$routePath, '/') . '/';
        foreach ($routeParams as $name => $value) {
            if (!str_starts_with((string)$name, '_')) {
                $url .= $name . '/' . rawurlencode((string)$value) . '/';
            }
        }
        if (empty($routeParams['_nosecret'])) {
            $url .= self::SECRET_KEY_PARAM_NAME . '/' . $this->secretKey . '/';
        }
        if (!empty($routeParams['_query']) && is_array($routeParams['_query'])) {
            $url .= '?' . http_build_query($routeParams['_query'], '', '&', PHP_QUERY_RFC3986);
        }
        return $url;
    }

    public function useSecretKey()
    {
        return true;
    }
}
