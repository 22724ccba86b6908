<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Phone;

use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

/**
 * Numbers as stored with an extension: libphonenumber splits it off (plus the French labels it
 * does not know), E.164 keeps only the main number.
 */
class PhoneNormaliserTest extends TestCase
{
    public static function withExtension(): array
    {
        return [
            'ext.' => ['+1 212-736-5000 ext. 12', 'FR', '+12127365000', '12'],
            'x' => ['(212) 736-5000 x12', 'US', '+12127365000', '12'],
            'extension' => ['212.736.5000 extension 12345', 'US', '+12127365000', '12345'],
            'poste' => ['01 23 45 67 89 poste 123', 'FR', '+33123456789', '123'],
            'POSTE' => ['01 23 45 67 89 POSTE 123', 'FR', '+33123456789', '123'],
            'p.' => ['Tél. 01 23 45 67 89 p. 12', 'FR', '+33123456789', '12'],
            '#' => ['+33 1 23 45 67 89 #45', 'US', '+33123456789', '45'],
            'comma' => ['020 7946 0958, 7', 'GB', '+442079460958', '7'],
            'leading zeros kept' => ['+1 212-736-5000 ext. 0012', 'FR', '+12127365000', '0012'],
        ];
    }

    #[DataProvider('withExtension')]
    public function testTheExtensionIsSplitOffTheMainNumber(
        string $written,
        string $region,
        string $e164,
        string $extension
    ): void {
        self::assertSame($e164, (new PhoneNormaliser())->toE164($written, $region));
        self::assertSame($extension, (new PhoneNormaliser())->extension($written));
    }

    public function testNumbersWithoutAnExtensionHaveNone(): void
    {
        $numbers = ['06 12 34 56 78', '+33 (0)6 12 34 56 78', 'n/a', '', null, 'top 12', "0612345678\r\nx12"];
        foreach ($numbers as $written) {
            self::assertNull((new PhoneNormaliser())->extension($written), var_export($written, true));
        }
    }

    public function testAWordEndingInPIsNotALabel(): void
    {
        self::assertNull((new PhoneNormaliser())->extension('06 12 34 56 78 stop 12'));
        self::assertNull((new PhoneNormaliser())->toE164('06 12 34 56 78 stop 12', 'FR'));
    }
}
