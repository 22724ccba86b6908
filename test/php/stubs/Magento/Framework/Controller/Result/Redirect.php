<?php

declare(strict_types=1);

namespace Magento\Framework\Controller\Result;

use Magento\Framework\App\Response\HttpInterface as HttpResponseInterface;
use Magento\Framework\Controller\AbstractResult;

/**
 * Stand-in: a redirect to an admin route path (kept for assertions as "path" + params).
 */
class Redirect extends AbstractResult
{
    private string $path = '';
    private array $params = [];

    public function setPath($path, array $params = [])
    {
        $this->path = (string)$path;
        $this->params = $params;
        return $this;
    }

    public function getPath(): string
    {
        return $this->path;
    }

    public function getParams(): array
    {
        return $this->params;
    }

    protected function render(HttpResponseInterface $response)
    {
        $response->setHttpResponseCode(302);
        $response->setHeader('Location', $this->path, true);
        return $this;
    }
}
