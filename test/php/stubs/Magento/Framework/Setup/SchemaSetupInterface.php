<?php

declare(strict_types=1);

namespace Magento\Framework\Setup;

/**
 * Stand-in: the schema setup handed to install scripts (nothing the module uses).
 */
interface SchemaSetupInterface
{
}
