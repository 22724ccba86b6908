<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics\Charts;

use Magento\Framework\Escaper;

/**
 * Writes escaped inline SVG for the analytics charts: an accessible document (role="img", a <title>
 * and a <desc> it is labelled by) and elements with escaped attributes and text.
 *
 * Screen readers read the title and the description; the table beside each chart holds the figures.
 */
class Svg
{
    /**
     * @param Escaper $escaper
     */
    public function __construct(private Escaper $escaper)
    {
    }

    /**
     * A whole <svg> element.
     *
     * @param string $id unique on the page; anything but [A-Za-z0-9_-] is dropped
     * @param int $width
     * @param int $height
     * @param string $title short name of the chart
     * @param string $desc what the chart shows, in words (its main figures)
     * @param string $body elements made by element()
     * @param string $class
     * @return string
     */
    public function document(
        string $id,
        int $width,
        int $height,
        string $title,
        string $desc,
        string $body,
        string $class
    ): string {
        $id = (string)preg_replace('/[^A-Za-z0-9_-]/', '', $id);
        return '<svg' . $this->attrs([
            'xmlns' => 'http://www.w3.org/2000/svg',
            'class' => $class,
            'role' => 'img',
            'width' => $width,
            'height' => $height,
            'viewBox' => '0 0 ' . $width . ' ' . $height,
            'aria-labelledby' => $id . '-title ' . $id . '-desc',
            'focusable' => 'false',
        ]) . '>'
            . $this->element('title', ['id' => $id . '-title'], $title)
            . $this->element('desc', ['id' => $id . '-desc'], $desc)
            . $body . '</svg>';
    }

    /**
     * One element: escaped attributes, escaped text content, or (when $text is null) $children as is.
     *
     * @param string $name
     * @param array<string, string|int|float|null> $attrs null values are left out
     * @param string|null $text
     * @param string $children markup made by element()
     * @return string
     */
    public function element(string $name, array $attrs, ?string $text = null, string $children = ''): string
    {
        $content = $text !== null ? $this->escaper->escapeHtml($text) : $children;
        return '<' . $name . $this->attrs($attrs) . '>' . $content . '</' . $name . '>';
    }

    /**
     * A number for an SVG attribute: at most one decimal, no locale.
     *
     * @param float $value
     * @return string
     */
    public function num(float $value): string
    {
        $text = number_format($value, 1, '.', '');
        return str_ends_with($text, '.0') ? substr($text, 0, -2) : $text;
    }

    /**
     * Shortens a label to $max characters with an ellipsis.
     *
     * @param string $label
     * @param int $max
     * @return string
     */
    public function shorten(string $label, int $max): string
    {
        return mb_strlen($label) > $max ? mb_substr($label, 0, $max - 1) . '…' : $label;
    }

    /**
     * Escaped attributes, each preceded by a space.
     *
     * @param array<string, string|int|float|null> $attrs
     * @return string
     */
    private function attrs(array $attrs): string
    {
        $out = '';
        foreach ($attrs as $name => $value) {
            if ($value === null) {
                continue;
            }
            $text = is_float($value) ? $this->num($value) : (string)$value;
            $out .= ' ' . $name . '="' . $this->escaper->escapeHtmlAttr($text) . '"';
        }
        return $out;
    }
}
