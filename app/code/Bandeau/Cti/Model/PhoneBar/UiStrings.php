<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\PhoneBar;

use Magento\Framework\Module\Dir;
use Psr\Log\LoggerInterface;

/**
 * The phone bar's UI strings and their translations for the page bundle.
 *
 * The one list is etc/ui_strings.xml, read here at run time; the page bundle's TypeScript keys
 * are generated from the same file (frontend-ts/src/page/uiStrings.generated.ts). Each entry is
 * a `<string translate="true">` element, which is how `bin/magento i18n:collect-phrases` finds
 * them (its XML adapter collects the text of every element marked translate="true"); the
 * translations are the module's i18n/en_US.csv and i18n/fr_FR.csv rows.
 */
class UiStrings
{
    public const MODULE = 'Bandeau_Cti';
    public const FILE = 'ui_strings.xml';

    /**
     * @var string[]|null
     */
    private ?array $strings = null;

    /**
     * @param Dir $moduleDir
     * @param LoggerInterface $logger
     */
    public function __construct(
        private Dir $moduleDir,
        private LoggerInterface $logger
    ) {
    }

    /**
     * Every English UI string of the bar, in the file's order.
     *
     * A missing or broken file is logged and gives no strings: the bar then shows its English
     * texts rather than breaking the admin page it sits on.
     *
     * @return string[]
     */
    public function getStrings(): array
    {
        if ($this->strings === null) {
            $path = $this->moduleDir->getDir(self::MODULE, Dir::MODULE_ETC_DIR) . '/' . self::FILE;
            try {
                $this->strings = $this->parse($path);
            } catch (\RuntimeException $e) {
                $this->logger->critical('Bandeau phone bar strings: ' . $e->getMessage());
                $this->strings = [];
            }
        }
        return $this->strings;
    }

    /**
     * Every string of the bar translated into the admin user's locale, for the page bundle.
     *
     * @return array<string, string> English text => translation in the current locale
     */
    public function translations(): array
    {
        $out = [];
        foreach ($this->getStrings() as $text) {
            $out[$text] = (string)__($text);
        }
        return $out;
    }

    /**
     * The texts of the <string> elements of a ui_strings.xml.
     *
     * @param string $path
     * @return string[]
     * @throws \RuntimeException when the file cannot be read as XML
     */
    private function parse(string $path): array
    {
        $previous = libxml_use_internal_errors(true);
        $doc = new \DOMDocument();
        $loaded = $doc->load($path, LIBXML_NONET);
        $error = libxml_get_last_error();
        libxml_clear_errors();
        libxml_use_internal_errors($previous);
        if (!$loaded || $doc->documentElement === null) {
            throw new \RuntimeException(
                $path . ' cannot be read' . ($error ? ': ' . trim($error->message) . ' line ' . $error->line : '')
            );
        }
        $strings = [];
        foreach ($doc->documentElement->childNodes as $node) {
            if ($node instanceof \DOMElement && $node->tagName === 'string') {
                $strings[] = $node->textContent;
            }
        }
        return $strings;
    }
}
