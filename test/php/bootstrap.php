<?php

/**
 * PHPUnit bootstrap: Composer's autoloader maps Bandeau\Cti\ to the module, Magento\ to the
 * stand-ins in test/php/stubs and Bandeau\Cti\Test\ to this folder.
 */

declare(strict_types=1);

$autoload = dirname(__DIR__, 2) . '/vendor/autoload.php';
if (!is_file($autoload)) {
    fwrite(STDERR, "vendor/autoload.php is missing: run `composer install` at the repository root.\n");
    exit(1);
}
require $autoload;

date_default_timezone_set('UTC');
