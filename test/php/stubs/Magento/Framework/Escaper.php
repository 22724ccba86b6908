<?php

declare(strict_types=1);

namespace Magento\Framework;

/**
 * Stand-in for Magento's Escaper (HTML-attribute and HTML escaping as htmlspecialchars does).
 */
class Escaper
{
    public function escapeHtml($data, $allowedTags = null)
    {
        if (is_array($data)) {
            return array_map(fn ($item) => $this->escapeHtml($item, $allowedTags), $data);
        }
        return htmlspecialchars((string)$data, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8', false);
    }

    public function escapeHtmlAttr($string, $escapeSingleQuote = true)
    {
        $flags = ($escapeSingleQuote ? ENT_QUOTES : ENT_COMPAT) | ENT_SUBSTITUTE | ENT_HTML5;
        return htmlspecialchars((string)$string, $flags, 'UTF-8');
    }

    public function escapeUrl($string)
    {
        return $this->escapeHtml((string)$string);
    }

    public function escapeJs($string)
    {
        return (string)json_encode((string)$string, JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT);
    }
}
