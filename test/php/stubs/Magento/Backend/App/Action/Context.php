<?php

declare(strict_types=1);

namespace Magento\Backend\App\Action;

use Magento\Framework\App\RequestInterface;
use Magento\Framework\AuthorizationInterface;

/**
 * Stand-in for the backend action context: only what the module's controllers read
 * (the real constructor takes some twenty collaborators).
 */
class Context
{
    public function __construct(
        private RequestInterface $request,
        private AuthorizationInterface $authorization
    ) {
    }

    public function getRequest()
    {
        return $this->request;
    }

    public function getAuthorization()
    {
        return $this->authorization;
    }
}
