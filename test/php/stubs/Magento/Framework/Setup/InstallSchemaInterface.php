<?php

declare(strict_types=1);

namespace Magento\Framework\Setup;

/**
 * Stand-in: a module's Setup\InstallSchema, and its Setup\Recurring, which setup:upgrade runs every time.
 */
interface InstallSchemaInterface
{
    public function install(SchemaSetupInterface $setup, ModuleContextInterface $context);
}
