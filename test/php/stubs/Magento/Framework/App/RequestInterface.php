<?php

declare(strict_types=1);

namespace Magento\Framework\App;

interface RequestInterface
{
    public function getModuleName();

    public function getActionName();

    public function getParam($key, $defaultValue = null);

    public function getParams();
}
