<?php

declare(strict_types=1);

namespace Magento\Framework\Controller;

use Magento\Framework\App\Response\HttpInterface as HttpResponseInterface;

abstract class AbstractResult implements ResultInterface
{
    protected $httpResponseCode;
    protected $headers = [];

    public function setHttpResponseCode($httpCode)
    {
        $this->httpResponseCode = $httpCode;
        return $this;
    }

    public function setHeader($name, $value, $replace = false)
    {
        $this->headers[] = ['name' => $name, 'value' => $value, 'replace' => $replace];
        return $this;
    }

    abstract protected function render(HttpResponseInterface $response);

    protected function applyHttpHeaders(HttpResponseInterface $response)
    {
        if (!empty($this->httpResponseCode)) {
            $response->setHttpResponseCode($this->httpResponseCode);
        }
        foreach ($this->headers as $headerData) {
            $response->setHeader($headerData['name'], $headerData['value'], $headerData['replace']);
        }
        return $this;
    }

    public function renderResult(HttpResponseInterface $response)
    {
        $this->applyHttpHeaders($response);
        return $this->render($response);
    }
}
