<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

/**
 * Finds the translatable strings of the module: __('...') literals in PHP and templates, and
 * the texts XML files mark with a translate attribute (Magento's i18n:collect-phrases rules).
 */
final class TranslatableStrings
{
    public const MODULE_DIR = __DIR__ . '/../../../app/code/Bandeau/Cti';

    /**
     * @return array<string, string> phrase => first file it was found in
     */
    public static function collect(string $moduleDir = self::MODULE_DIR): array
    {
        $found = [];
        $iterator = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($moduleDir, \FilesystemIterator::SKIP_DOTS));
        foreach ($iterator as $file) {
            $path = $file->getPathname();
            if (str_contains($path, '/view/adminhtml/web/')) {
                continue;
            }
            if (preg_match('/\.(php|phtml)$/', $path)) {
                foreach (self::fromPhp((string)file_get_contents($path)) as $phrase) {
                    $found[$phrase] ??= $path;
                }
            } elseif (str_ends_with($path, '.xml')) {
                foreach (self::fromXml($path) as $phrase) {
                    $found[$phrase] ??= $path;
                }
            }
        }
        return $found;
    }

    /**
     * @return string[]
     */
    public static function fromPhp(string $code): array
    {
        $phrases = [];
        $tokens = \PhpToken::tokenize($code);
        $count = count($tokens);
        for ($i = 0; $i < $count; $i++) {
            if (!$tokens[$i]->is(T_STRING) || $tokens[$i]->text !== '__') {
                continue;
            }
            $j = $i + 1;
            while ($j < $count && $tokens[$j]->is(T_WHITESPACE)) {
                $j++;
            }
            if ($j >= $count || $tokens[$j]->text !== '(') {
                continue;
            }
            $j++;
            while ($j < $count && $tokens[$j]->is(T_WHITESPACE)) {
                $j++;
            }
            if ($j < $count && $tokens[$j]->is(T_CONSTANT_ENCAPSED_STRING)) {
                $phrases[] = self::unquote($tokens[$j]->text);
            }
        }
        return $phrases;
    }

    private static function unquote(string $literal): string
    {
        $quote = $literal[0];
        $body = substr($literal, 1, -1);
        if ($quote === '\'') {
            return str_replace(['\\\\', '\\\''], ['\\', '\''], $body);
        }
        return stripcslashes($body);
    }

    /**
     * @return string[]
     */
    public static function fromXml(string $path): array
    {
        $doc = new \DOMDocument();
        if (!@$doc->load($path)) {
            return [];
        }
        $phrases = [];
        $xpath = new \DOMXPath($doc);
        foreach ($xpath->query('//*[@translate]') as $element) {
            /** @var \DOMElement $element */
            $translate = trim($element->getAttribute('translate'));
            if ($translate === 'true') {
                $phrases[] = trim($element->textContent);
                continue;
            }
            foreach (preg_split('/\s+/', $translate) as $name) {
                if ($element->hasAttribute($name)) {
                    $phrases[] = $element->getAttribute($name);
                }
                foreach ($element->childNodes as $child) {
                    if ($child instanceof \DOMElement && $child->tagName === $name) {
                        $phrases[] = trim($child->textContent);
                    }
                }
            }
        }
        return array_values(array_filter($phrases, static fn (string $p): bool => $p !== ''));
    }

    /**
     * @return array<string, string> source => translation
     */
    public static function readCsv(string $path): array
    {
        $rows = [];
        $handle = fopen($path, 'rb');
        while (($row = fgetcsv($handle, 0, ',', '"', '')) !== false) {
            if ($row === [null]) {
                continue;
            }
            $rows[$row[0]] = $row[1] ?? '';
        }
        fclose($handle);
        return $rows;
    }
}
