<?php

declare(strict_types=1);

namespace Bandeau\Cti\Setup;

use Bandeau\Cti\Model\RequiredLibraries;
use Magento\Framework\Setup\InstallSchemaInterface;
use Magento\Framework\Setup\ModuleContextInterface;
use Magento\Framework\Setup\SchemaSetupInterface;

/**
 * Runs on every `bin/magento setup:upgrade` (Magento calls each module's Setup\Recurring after the
 * schema): stops it with the `composer require` to run when a library of the module is missing,
 * which happens when the module was copied into app/code.
 */
class Recurring implements InstallSchemaInterface
{
    /**
     * @param RequiredLibraries $libraries
     */
    public function __construct(private RequiredLibraries $libraries)
    {
    }

    /**
     * Fails setup:upgrade while a required library is missing.
     *
     * @param SchemaSetupInterface $setup
     * @param ModuleContextInterface $context
     * @return void
     * @throws \Magento\Framework\Exception\LocalizedException
     */
    public function install(SchemaSetupInterface $setup, ModuleContextInterface $context)
    {
        $this->libraries->assertInstalled();
    }
}
