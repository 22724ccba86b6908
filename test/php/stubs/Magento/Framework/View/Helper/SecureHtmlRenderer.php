<?php

declare(strict_types=1);

namespace Magento\Framework\View\Helper;

use Magento\Framework\Escaper;

/**
 * Stand-in for SecureHtmlRenderer: renders the tag, escaping attribute values, and adds the
 * CSP nonce the real security processors would add to script tags.
 */
class SecureHtmlRenderer
{
    public function __construct(private Escaper $escaper = new Escaper(), private ?string $nonce = 'TESTNONCE')
    {
    }

    public function renderTag(string $tagName, array $attributes, ?string $content = null, bool $textContent = true): string
    {
        if ($tagName === 'script' && $this->nonce !== null) {
            $attributes['nonce'] = $this->nonce;
        }
        $html = '<' . $tagName;
        foreach ($attributes as $name => $value) {
            $html .= ' ' . $name . '="' . $this->escaper->escapeHtmlAttr($value) . '"';
        }
        $content = $content === null ? '' : ($textContent ? $this->escaper->escapeHtml($content) : $content);
        return $html . '>' . $content . '</' . $tagName . '>';
    }
}
