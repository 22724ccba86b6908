<?php

declare(strict_types=1);

namespace Magento\Framework\App\Response;

use Magento\Framework\App\ResponseInterface;

interface HttpInterface extends ResponseInterface
{
    public function setHttpResponseCode($code);

    public function getHttpResponseCode();

    public function setHeader($name, $value, $replace = false);

    public function getHeader($name);

    public function clearHeader($name);

    public function setBody($value);
}
