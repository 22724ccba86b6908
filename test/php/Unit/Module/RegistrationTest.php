<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Module;

use Magento\Framework\Component\ComponentRegistrar;
use PHPUnit\Framework\TestCase;

class RegistrationTest extends TestCase
{
    public function testModuleIsRegisteredByComposerAutoload(): void
    {
        $path = (new ComponentRegistrar())->getPath(ComponentRegistrar::MODULE, 'Bandeau_Cti');
        self::assertNotNull($path, 'registration.php ran through composer autoload.files');
        self::assertSame(
            realpath(__DIR__ . '/../../../../app/code/Bandeau/Cti'),
            realpath($path)
        );
    }

    public function testComposerManifest(): void
    {
        $composer = json_decode(
            (string)file_get_contents(__DIR__ . '/../../../../composer.json'),
            true,
            512,
            JSON_THROW_ON_ERROR
        );
        self::assertSame('bandeau/module-cti', $composer['name']);
        self::assertSame('magento2-module', $composer['type']);
        self::assertSame('app/code/Bandeau/Cti/', $composer['autoload']['psr-4']['Bandeau\\Cti\\']);
        self::assertContains('app/code/Bandeau/Cti/registration.php', $composer['autoload']['files']);
        self::assertArrayHasKey('firebase/php-jwt', $composer['require']);
        self::assertArrayHasKey('giggsey/libphonenumber-for-php', $composer['require']);
    }
}
