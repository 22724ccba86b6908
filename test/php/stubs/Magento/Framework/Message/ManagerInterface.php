<?php

declare(strict_types=1);

namespace Magento\Framework\Message;

/**
 * Stand-in: the admin session messages the module adds.
 */
interface ManagerInterface
{
    public function addSuccessMessage($message, $group = null);

    public function addErrorMessage($message, $group = null);
}
