<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

/**
 * A Magento locale code as an admin user's interface_locale holds it: language_REGION (fr_FR), or
 * language_Script_REGION for the languages written in more than one script (zh_Hans_CN, sr_Latn_RS).
 * The same shape as LOCALE_PATTERN in bridge/src/protocol/pageSide.ts, which the page checks again.
 */
final class LocaleCode
{
    /** Anything else (markup, a trailing newline: the D modifier) is no locale. */
    public const PATTERN = '/^[a-z]{2,3}(?:_[A-Za-z]{4})?_(?:[A-Za-z]{2}|[0-9]{3})$/D';
}
