<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Bridge;

use Magento\Framework\HTTP\Client\CurlFactory;

/**
 * Revocations over Magento's cURL client, with a short timeout: a bridge that does not answer
 * must not hold up the admin's logout.
 */
class CurlRevocationTransport implements RevocationTransportInterface
{
    private const TIMEOUT_S = 2;

    /**
     * @param CurlFactory $curlFactory
     */
    public function __construct(
        private CurlFactory $curlFactory
    ) {
    }

    /**
     * @inheritdoc
     */
    public function post(string $url, string $body, array $headers): int
    {
        $curl = $this->curlFactory->create();
        $curl->setTimeout(self::TIMEOUT_S);
        $curl->setOption(CURLOPT_CONNECTTIMEOUT, self::TIMEOUT_S);
        $curl->setHeaders($headers);
        try {
            $curl->post($url, $body);
        } catch (\Exception $e) {
            throw new \RuntimeException($e->getMessage(), 0, $e);
        }
        return (int)$curl->getStatus();
    }
}
