<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Phone;

use libphonenumber\NumberParseException;
use libphonenumber\PhoneNumberFormat;
use libphonenumber\PhoneNumberUtil;

/**
 * Free-text phone numbers to E.164 with libphonenumber.
 */
class PhoneNormaliser
{
    private PhoneNumberUtil $util;

    public function __construct()
    {
        $this->util = PhoneNumberUtil::getInstance();
    }

    /**
     * @param string|null $raw number as written ("06 12 34 56 78", "+33 6…", "0033 6…")
     * @param string $region ISO 3166-1 alpha-2 country used when the number has no prefix
     * @return string|null "+33612345678", or null when it is not a possible phone number
     */
    public function toE164(?string $raw, string $region): ?string
    {
        $raw = trim((string)$raw);
        if ($raw === '' || strlen($raw) > 64 || !preg_match('/\d/', $raw)) {
            return null;
        }
        $region = strtoupper($region);
        if (!preg_match('/^[A-Z]{2}$/', $region)) {
            $region = 'US';
        }
        if (str_starts_with($raw, '00')) {
            $raw = '+' . substr($raw, 2);
        }
        try {
            $number = $this->util->parse($raw, $region);
        } catch (NumberParseException $e) {
            return null;
        }
        if (!$this->util->isPossibleNumber($number)) {
            return null;
        }
        return $this->util->format($number, PhoneNumberFormat::E164);
    }
}
