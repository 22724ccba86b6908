<?php

declare(strict_types=1);

namespace Magento\Framework;

interface AuthorizationInterface
{
    public function isAllowed($resource, $privilege = null);
}
