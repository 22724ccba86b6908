<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Phone;

use libphonenumber\NumberParseException;
use libphonenumber\PhoneNumber;
use libphonenumber\PhoneNumberFormat;
use libphonenumber\PhoneNumberUtil;

/**
 * Free-text phone numbers to E.164 with libphonenumber.
 *
 * Reads what merchants really store: national ("06 12 34 56 78"), international ("+33 6…",
 * "+33 (0)6…"), "00" and other international call prefixes ("0033…", "011 33…" from the US), dots,
 * dashes, brackets, a leading label ("Tel: …") and a trailing extension ("ext. 12", "x12", "#12",
 * "poste 12", "p. 12"), which E.164 leaves out: libphonenumber splits it off; the French labels it
 * does not know are read as "ext." first.
 */
class PhoneNormaliser
{
    /** French extension labels ("poste 12", "p. 12") that libphonenumber would read as letters. */
    private const FRENCH_EXTENSION_LABEL = '/(?<!\p{L})(?:poste|p\.?)\s*(?=\d+\s*$)/iu';

    /**
     * Any valid region: it decides how a national number is read, never where its extension starts.
     */
    private const EXTENSION_ONLY_REGION = 'US';

    /**
     * Loaded on first use: building the normaliser (for a tel: link, say) never needs libphonenumber.
     *
     * @var PhoneNumberUtil|null
     */
    private ?PhoneNumberUtil $util = null;

    /**
     * A number as written, in E.164.
     *
     * @param string|null $raw number as written ("06 12 34 56 78", "+33 6…", "0033 6…")
     * @param string $region ISO 3166-1 alpha-2 country used when the number has no prefix
     * @return string|null "+33612345678", or null when it is not a possible phone number
     */
    public function toE164(?string $raw, string $region): ?string
    {
        $number = $this->parse($raw, $region);
        if ($number === null || !$this->util()->isPossibleNumber($number)) {
            return null;
        }
        return $this->util()->format($number, PhoneNumberFormat::E164);
    }

    /**
     * An E.164 number as agents read it: national format for the shop's country, international otherwise.
     *
     * @param string $e164 "+33612345678"
     * @param string $region ISO 3166-1 alpha-2 country of the shop ("FR")
     * @return string "06 12 34 56 78" (FR), "+33 6 12 34 56 78" (elsewhere); the input when unreadable
     */
    public function toDisplay(string $e164, string $region): string
    {
        $number = $this->parse($e164, $region);
        if ($number === null || !$this->util()->isValidNumber($number)) {
            return $e164;
        }
        $home = $this->util()->getRegionCodeForNumber($number) === strtoupper($region);
        return $this->util()->format($number, $home ? PhoneNumberFormat::NATIONAL : PhoneNumberFormat::INTERNATIONAL);
    }

    /**
     * The extension written after a number, as libphonenumber reads it.
     *
     * It is kept out of E.164 and of the index, and dialled as DTMF once the call connects.
     *
     * @param string|null $raw number as written ("+1 212-736-5000 ext. 12", "01 23 45 67 89 poste 12")
     * @return string|null its extension digits ("12"), or null when it has none or is not a number
     */
    public function extension(?string $raw): ?string
    {
        if (!class_exists(PhoneNumberUtil::class)) {
            return null;
        }
        $number = $this->parse($raw, self::EXTENSION_ONLY_REGION);
        $extension = $number?->getExtension();
        return $extension !== null && preg_match('/^\d{1,20}\z/', $extension) === 1 ? $extension : null;
    }

    /**
     * Reads a number as written with libphonenumber, its extension split off.
     *
     * @param string|null $raw number as written
     * @param string $region ISO 3166-1 alpha-2 country used when the number has no prefix
     * @return PhoneNumber|null the number, or null when libphonenumber cannot read one
     */
    private function parse(?string $raw, string $region): ?PhoneNumber
    {
        $raw = trim((string)$raw);
        if ($raw === '' || strlen($raw) > 64 || !preg_match('/\d/', $raw)) {
            return null;
        }
        $region = strtoupper($region);
        if (!preg_match('/^[A-Z]{2}$/', $region)) {
            $region = 'US';
        }
        $raw = (string)preg_replace(self::FRENCH_EXTENSION_LABEL, 'ext. ', $raw);
        if (str_starts_with(ltrim($raw), '00')) {
            $raw = '+' . substr(ltrim($raw), 2);
        }
        try {
            return $this->util()->parse($raw, $region);
        } catch (NumberParseException $e) {
            return null;
        }
    }

    /**
     * The region argument for an address: its own country when it is a two-letter code, else the fallback.
     *
     * @param string|null $country the address's country_id
     * @param string $fallback the configured default country
     * @return string
     */
    public function regionFor(?string $country, string $fallback): string
    {
        $country = strtoupper(trim((string)$country));
        return preg_match('/^[A-Z]{2}$/', $country) ? $country : $fallback;
    }

    /**
     * True for a well-formed E.164 number ("+" then 7 to 15 digits, no leading zero).
     *
     * @param string|null $value
     * @return bool
     */
    public function isE164(?string $value): bool
    {
        return $value !== null && preg_match('/^\+[1-9]\d{6,14}\z/', $value) === 1;
    }

    /**
     * The libphonenumber instance, loaded on the first call that needs it.
     *
     * @return PhoneNumberUtil
     */
    private function util(): PhoneNumberUtil
    {
        return $this->util ??= PhoneNumberUtil::getInstance();
    }
}
