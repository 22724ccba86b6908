<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Magento\Framework\Exception\LocalizedException;

/**
 * The Composer libraries the module needs beyond Magento (its composer.json `require`).
 *
 * Installed with `composer require bandeau/module-cti`, Composer brings them. Copied into
 * app/code, the module arrives without them: this says which are missing, so that
 * `bin/magento setup:upgrade` stops (Setup\Recurring) and the admin shows a system message,
 * instead of a save failing half-way with "Class not found".
 */
class RequiredLibraries
{
    /** Composer package => [a class it provides, the version constraint of composer.json]. */
    public const LIBRARIES = [
        'firebase/php-jwt' => ['class' => \Firebase\JWT\JWT::class, 'constraint' => '^6.11 || ^7.0'],
        'giggsey/libphonenumber-for-php' => ['class' => \libphonenumber\PhoneNumberUtil::class, 'constraint' => '^9.0'],
        'psr/log' => ['class' => \Psr\Log\LoggerInterface::class, 'constraint' => '^1.1 || ^2.0 || ^3.0'],
    ];

    /**
     * @param array<string,array{class:string,constraint:string}> $libraries
     */
    public function __construct(private array $libraries = self::LIBRARIES)
    {
    }

    /**
     * The packages whose classes cannot be loaded.
     *
     * @return array<string, string> package => version constraint
     */
    public function missing(): array
    {
        $missing = [];
        foreach ($this->libraries as $package => $library) {
            $class = $library['class'];
            if (!class_exists($class) && !interface_exists($class)) {
                $missing[$package] = $library['constraint'];
            }
        }
        return $missing;
    }

    /**
     * The command that installs the missing packages, '' when none is missing.
     */
    public function composerCommand(): string
    {
        $arguments = [];
        foreach ($this->missing() as $package => $constraint) {
            $arguments[] = '"' . $package . ':' . $constraint . '"';
        }
        return $arguments === [] ? '' : 'composer require ' . implode(' ', $arguments);
    }

    /**
     * Stops the caller with a message naming the packages and the command, when one is missing.
     *
     * @throws LocalizedException
     */
    public function assertInstalled(): void
    {
        $missing = $this->missing();
        if ($missing !== []) {
            throw new LocalizedException(__(
                'Bandeau CTI needs PHP libraries that are not installed: %1. Run %2, then setup:upgrade again.',
                implode(', ', array_keys($missing)),
                $this->composerCommand()
            ));
        }
    }
}
