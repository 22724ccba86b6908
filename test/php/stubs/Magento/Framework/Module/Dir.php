<?php

declare(strict_types=1);

namespace Magento\Framework\Module;

use Magento\Framework\Component\ComponentRegistrar;

/**
 * Stand-in for Magento's module directory locator: a module's folder from its registration.php
 * (ComponentRegistrar), or one of its standard subfolders.
 */
class Dir
{
    public const MODULE_ETC_DIR = 'etc';
    public const MODULE_I18N_DIR = 'i18n';
    public const MODULE_VIEW_DIR = 'view';
    public const MODULE_CONTROLLER_DIR = 'Controller';
    public const MODULE_SETUP_DIR = 'Setup';

    public function __construct(private ?ComponentRegistrar $componentRegistrar = null)
    {
        $this->componentRegistrar ??= new ComponentRegistrar();
    }

    public function getDir($moduleName, $type = '')
    {
        $path = $this->componentRegistrar->getPath(ComponentRegistrar::MODULE, $moduleName);
        if ($path === null) {
            throw new \InvalidArgumentException("Module '$moduleName' is not correctly registered.");
        }
        if ($type !== '') {
            $types = [self::MODULE_ETC_DIR, self::MODULE_I18N_DIR, self::MODULE_VIEW_DIR,
                self::MODULE_CONTROLLER_DIR, self::MODULE_SETUP_DIR];
            if (!in_array($type, $types, true)) {
                throw new \InvalidArgumentException("Directory type '{$type}' is not recognized.");
            }
            $path .= '/' . $type;
        }
        return $path;
    }
}
