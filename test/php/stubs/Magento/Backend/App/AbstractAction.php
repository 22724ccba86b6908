<?php

declare(strict_types=1);

namespace Magento\Backend\App;

use Magento\Framework\App\ActionInterface;

/**
 * Stand-in for the generic backend controller: ACL check and public actions, no dispatch.
 */
abstract class AbstractAction implements ActionInterface
{
    public const ADMIN_RESOURCE = 'Magento_Backend::admin';

    protected $_publicActions = [];
    protected $_authorization;
    protected $_request;

    public function __construct(Action\Context $context)
    {
        $this->_request = $context->getRequest();
        $this->_authorization = $context->getAuthorization();
    }

    public function getRequest()
    {
        return $this->_request;
    }

    protected function _isAllowed()
    {
        return $this->_authorization->isAllowed(static::ADMIN_RESOURCE);
    }
}
