<?php

declare(strict_types=1);

namespace Magento\Framework\Controller;

use Magento\Framework\App\Response\HttpInterface as HttpResponseInterface;

interface ResultInterface
{
    public function setHttpResponseCode($httpCode);

    public function setHeader($name, $value, $replace = false);

    public function renderResult(HttpResponseInterface $response);
}
