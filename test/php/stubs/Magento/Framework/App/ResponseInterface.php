<?php

declare(strict_types=1);

namespace Magento\Framework\App;

interface ResponseInterface
{
    public function sendResponse();
}
