<?php

declare(strict_types=1);

namespace Magento\Framework\Setup;

/**
 * Stand-in: the module's installed version, handed to install scripts.
 */
interface ModuleContextInterface
{
    public function getVersion();
}
