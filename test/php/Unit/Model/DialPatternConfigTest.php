<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Model;

use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Test\Support\Builders;
use PHPUnit\Framework\TestCase;

/**
 * What agents may dial besides outside numbers (issue 13): patterns from Stores > Configuration,
 * handed to the bridge in the agent token; and numbers shown in the shop's national format.
 */
class DialPatternConfigTest extends TestCase
{
    public function testDefaultsAreTwoToSixDigitExtensionsAndStarCodes(): void
    {
        $config = Builders::config();
        self::assertSame('^[0-9]{2,6}$', $config->getExtensionPattern());
        self::assertSame('^\*[0-9]{2,6}$', $config->getFeatureCodePattern());
        $fromXml = simplexml_load_file(__DIR__ . '/../../../../app/code/Bandeau/Cti/etc/config.xml');
        self::assertSame($config->getExtensionPattern(), (string)$fromXml->default->bandeau->dialing->extension_pattern);
        self::assertSame($config->getFeatureCodePattern(), (string)$fromXml->default->bandeau->dialing->feature_code_pattern);
    }

    public function testConfiguredPatternsAreTrimmedEmptyAllowsNoneAndOverlongAllowsNone(): void
    {
        $config = Builders::config([
            Config::XML_PATH_EXTENSION_PATTERN => ' ^7[0-9]{3}$ ',
            Config::XML_PATH_FEATURE_CODE_PATTERN => '',
        ]);
        self::assertSame('^7[0-9]{3}$', $config->getExtensionPattern());
        self::assertSame('', $config->getFeatureCodePattern());
        $long = Builders::config([Config::XML_PATH_EXTENSION_PATTERN => str_repeat('1', Config::MAX_PATTERN_LENGTH + 1)]);
        self::assertSame('', $long->getExtensionPattern());
    }

    public function testTheTokenCarriesThePatternsToTheBridge(): void
    {
        $claims = Builders::issuer([Config::XML_PATH_EXTENSION_PATTERN => '^1[0-9]{3}$'])->issue(Builders::user())->getClaims();
        self::assertSame(['ext' => '^1[0-9]{3}$', 'feat' => '^\*[0-9]{2,6}$'], $claims['dial']);
    }

    public function testNumbersReadInTheShopsNationalFormatOtherCountriesInternational(): void
    {
        $n = new PhoneNormaliser();
        self::assertSame('06 12 34 56 78', $n->toDisplay('+33612345678', 'FR'));
        self::assertSame('+33 6 12 34 56 78', $n->toDisplay('+33612345678', 'US'));
        self::assertSame('(212) 229-3326', $n->toDisplay('+12122293326', 'US'));
        self::assertSame('+1234', $n->toDisplay('+1234', 'FR'), 'unreadable numbers are shown as they are');
    }
}
