<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Phone;

use libphonenumber\NumberParseException;
use libphonenumber\PhoneNumberFormat;
use libphonenumber\PhoneNumberUtil;

/**
 * Free-text phone numbers to E.164 with libphonenumber.
 *
 * Reads what merchants really store: national ("06 12 34 56 78"), international ("+33 6…",
 * "+33 (0)6…"), "00" and other international call prefixes ("0033…", "011 33…" from the US), dots,
 * dashes, brackets, a leading label ("Tel: …") and a trailing extension ("ext. 12", "x12",
 * "poste 12", "p. 12", "#12"), which E.164 leaves out.
 */
class PhoneNormaliser
{
    /** A trailing extension: separator word then 1 to 7 digits at the very end. */
    public const EXTENSION = '/[\s,;]*(?:e?xt(?:ension|n)?\.?|x|poste|p\.?|#)\s*[:.]?\s*\d{1,7}\s*$/iu';

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
        $raw = (string)preg_replace(self::EXTENSION, '', $raw);
        if (str_starts_with(ltrim($raw), '00')) {
            $raw = '+' . substr(ltrim($raw), 2);
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

    /**
     * The region argument for an address: its own country when it is a two-letter code, else the fallback.
     */
    public static function regionFor(?string $country, string $fallback): string
    {
        $country = strtoupper(trim((string)$country));
        return preg_match('/^[A-Z]{2}$/', $country) ? $country : $fallback;
    }

    /**
     * True for a well-formed E.164 number ("+" then 7 to 15 digits, no leading zero).
     */
    public static function isE164(?string $value): bool
    {
        return $value !== null && preg_match('/^\+[1-9]\d{6,14}\z/', $value) === 1;
    }
}
