<?php

declare(strict_types=1);

namespace Magento\Framework\View\Asset;

/**
 * Stand-in for the static asset repository: a deployed-version URL under a base URL.
 */
class Repository
{
    public function __construct(
        private string $baseUrl = 'https://admin.example.com/static/version1700000000/adminhtml/Magento/backend/en_US/'
    ) {
    }

    public function getUrl($fileId)
    {
        return $this->baseUrl . str_replace('::', '/', (string)$fileId);
    }

    public function getUrlWithParams($fileId, array $params)
    {
        return $this->getUrl($fileId);
    }
}
