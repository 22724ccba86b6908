<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\WrapUp;

use Magento\Framework\App\Config\ScopeConfigInterface;

/**
 * The outcomes and tags agents choose from in the wrap-up (Stores > Configuration > Bandeau CTI >
 * Wrap-up): one per line. The stored value is the line as written; the phone bar and the admin
 * screens show it translated when the module's dictionaries know it (the defaults are).
 */
class WrapUpOptions
{
    public const XML_PATH_OUTCOMES = 'bandeau/wrap_up/outcomes';
    public const XML_PATH_TAGS = 'bandeau/wrap_up/tags';
    /** Column sizes: bandeau_call.outcome is varchar(64), bandeau_call.tags varchar(1024). */
    public const MAX_LENGTH = 64;
    public const MAX_ITEMS = 50;
    public const TAG_SEPARATOR = ', ';
    /** The lists when nothing is configured at all (etc/config.xml holds the same). */
    public const DEFAULT_OUTCOMES = ['Order placed', 'Question answered', 'Complaint', 'To call back', 'Wrong number'];
    public const DEFAULT_TAGS = ['Delivery', 'Returns', 'Payment', 'Product question', 'Urgent'];

    /**
     * @param ScopeConfigInterface $scopeConfig
     */
    public function __construct(private ScopeConfigInterface $scopeConfig)
    {
    }

    /**
     * The configured outcomes, in order, without blanks or repeats.
     *
     * @return string[]
     */
    public function outcomes(): array
    {
        $value = $this->scopeConfig->getValue(self::XML_PATH_OUTCOMES);
        return $value === null ? self::DEFAULT_OUTCOMES : $this->lines((string)$value, false);
    }

    /**
     * The configured tags, in order, without blanks or repeats (a comma would split a stored list: none).
     *
     * @return string[]
     */
    public function tags(): array
    {
        $value = $this->scopeConfig->getValue(self::XML_PATH_TAGS);
        return $value === null ? self::DEFAULT_TAGS : $this->lines((string)$value, true);
    }

    /**
     * Both lists for the phone bar: value as stored, label translated.
     *
     * @return array{outcomes: array<int, array{value: string, label: string}>,
     *     tags: array<int, array{value: string, label: string}>}
     */
    public function forPhoneBar(): array
    {
        $options = static fn (array $values): array => array_map(
            static fn (string $value): array => ['value' => $value, 'label' => (string)__($value)],
            $values
        );
        return ['outcomes' => $options($this->outcomes()), 'tags' => $options($this->tags())];
    }

    /**
     * The non-empty lines of a textarea, trimmed, control characters removed, cut to MAX_LENGTH.
     *
     * @param string $text
     * @param bool $noCommas
     * @return string[]
     */
    private function lines(string $text, bool $noCommas): array
    {
        $items = [];
        foreach (preg_split('/\R/u', $text) ?: [] as $line) {
            $line = (string)preg_replace('/[\x00-\x1F\x7F]/u', '', $line);
            if ($noCommas) {
                $line = str_replace(',', ' ', $line);
            }
            $line = trim((string)preg_replace('/\s+/u', ' ', $line));
            $line = mb_substr($line, 0, self::MAX_LENGTH);
            if ($line !== '' && !in_array($line, $items, true)) {
                $items[] = $line;
            }
        }
        return array_slice($items, 0, self::MAX_ITEMS);
    }
}
