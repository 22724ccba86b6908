<?php

declare(strict_types=1);

namespace Magento\Framework\App\Request;

use Magento\Framework\App\RequestInterface;

/**
 * Stand-in for the HTTP request: parameters, method and POST values.
 */
class Http implements RequestInterface
{
    /**
     * @param array<string, mixed> $params
     * @param array<string, mixed> $post
     */
    public function __construct(
        private array $params = [],
        private string $method = 'GET',
        private array $post = [],
        private string $actionName = 'index',
        private string $fullActionName = 'bandeau_index_index'
    ) {
    }

    public function getFullActionName($delimiter = '_')
    {
        return str_replace('_', $delimiter, $this->fullActionName);
    }

    public function getModuleName()
    {
        return 'bandeau';
    }

    public function getActionName()
    {
        return $this->actionName;
    }

    public function getParam($key, $defaultValue = null)
    {
        return $this->params[$key] ?? $this->post[$key] ?? $defaultValue;
    }

    public function getParams()
    {
        return array_merge($this->post, $this->params);
    }

    public function getPost($key = null, $default = null)
    {
        if ($key === null) {
            return $this->post;
        }
        return $this->post[$key] ?? $default;
    }

    public function getPostValue($name = null, $default = null)
    {
        return $this->getPost($name, $default);
    }

    public function isPost()
    {
        return $this->method === 'POST';
    }

    public function isGet()
    {
        return $this->method === 'GET';
    }

    public function getMethod()
    {
        return $this->method;
    }
}
