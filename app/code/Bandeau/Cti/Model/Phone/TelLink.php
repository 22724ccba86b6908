<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Phone;

use Magento\Framework\Escaper;

/**
 * Renders a stored telephone as an escaped tel: link for the admin (grids, customer and order views).
 * The href keeps only a leading "+" and digits, so nothing a customer typed ("javascript:", quotes,
 * CR/LF, markup) can leave the tel: scheme or the attribute; the text is HTML-escaped.
 */
class TelLink
{
    public const CSS_CLASS = 'bandeau-tel';
    private const MIN_DIGITS = 3;
    private const MAX_DIGITS = 20;

    /**
     * @param Escaper $escaper
     * @param PhoneNormaliser $normaliser
     */
    public function __construct(private Escaper $escaper, private PhoneNormaliser $normaliser)
    {
    }

    /**
     * "tel:+33612345678" style URI for a written number, with its extension as RFC 3966 ";ext=12"
     * (the phone bar dials the number, then the extension as DTMF), or null when the text holds too
     * few or too many digits to be a number.
     *
     * @param string|null $telephone
     * @return string|null
     */
    public function uri(?string $telephone): ?string
    {
        $text = trim((string)$telephone);
        $digits = (string)preg_replace('/\D+/', '', $text);
        $extension = $this->normaliser->extension($text);
        if ($extension !== null && str_ends_with($digits, $extension)) {
            $digits = substr($digits, 0, -strlen($extension));
        } else {
            $extension = null;
        }
        $length = strlen($digits);
        if ($length < self::MIN_DIGITS || $length > self::MAX_DIGITS) {
            return null;
        }
        return 'tel:' . (str_starts_with($text, '+') ? '+' : '') . $digits
            . ($extension === null ? '' : ';ext=' . $extension);
    }

    /**
     * The escaped number inside a tel: link; only the escaped text when it is not a number; '' for none.
     *
     * @param string|null $telephone
     */
    public function html(?string $telephone): string
    {
        $text = trim((string)preg_replace('/[\x00-\x1F\x7F]+/u', ' ', (string)$telephone));
        if ($text === '') {
            return '';
        }
        $uri = $this->uri($text);
        $escaped = (string)$this->escaper->escapeHtml($text);
        if ($uri === null) {
            return $escaped;
        }
        return sprintf(
            '<a href="%s" class="%s">%s</a>',
            $this->escaper->escapeHtmlAttr($uri),
            self::CSS_CLASS,
            $escaped
        );
    }

    /**
     * Turns the first occurrence of the (escaped) number in rendered address HTML into a tel: link.
     *
     * Not when the HTML has a tel: link already (the stock "html" address template of Magento 2.4 does).
     *
     * @param string $html
     * @param string|null $telephone
     */
    public function linkify(string $html, ?string $telephone): string
    {
        $text = trim((string)$telephone);
        if ($text === '' || stripos($html, 'href="tel:') !== false || $this->uri($text) === null) {
            return $html;
        }
        $escaped = (string)$this->escaper->escapeHtml($text);
        $at = strpos($html, $escaped);
        if ($at === false) {
            return $html;
        }
        return substr_replace($html, $this->html($text), $at, strlen($escaped));
    }
}
