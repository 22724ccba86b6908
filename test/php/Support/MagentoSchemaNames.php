<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

/**
 * The names Magento 2.4.6 gives a declarative-schema index or foreign key, which are the keys
 * `bin/magento setup:db-declaration:generate-whitelist` writes into db_schema_whitelist.json
 * (the XML referenceId is not used for them).
 *
 * Rule, as Magento's MySQL adapter applies it (written here from the rule, not copied):
 * - index / unique key: "<table>_<column>_<column>..."; foreign key: "<table>_<column>_<ref table>_<ref column>";
 * - at most 64 characters (MySQL's identifier limit): kept as is;
 * - longer: common words are abbreviated (the dictionary below, longest word first at each
 *   position, abbreviations not re-read); kept if that fits in 64;
 * - still longer: a type prefix ("idx_", "unq_", "fti_", "fk_") followed by the MD5 of the full name;
 * - the result is upper-cased; a primary key is always "PRIMARY";
 * - a "<table>_replica" table names its elements after "<table>" (the referenced table of a
 *   foreign key keeps its own name).
 */
final class MagentoSchemaNames
{
    private const MAX_IDENTIFIER = 64;

    /** Magento's abbreviation dictionary for identifiers (ExpressionConverter's word list). */
    private const ABBREVIATIONS = [
        'address' => 'addr', 'admin' => 'adm', 'attribute' => 'attr', 'enterprise' => 'ent',
        'catalog' => 'cat', 'category' => 'ctgr', 'customer' => 'cstr', 'notification' => 'ntfc',
        'product' => 'prd', 'session' => 'sess', 'user' => 'usr', 'entity' => 'entt',
        'datetime' => 'dtime', 'decimal' => 'dec', 'varchar' => 'vchr', 'index' => 'idx',
        'compare' => 'cmp', 'bundle' => 'bndl', 'option' => 'opt', 'gallery' => 'glr',
        'media' => 'mda', 'value' => 'val', 'link' => 'lnk', 'title' => 'ttl', 'super' => 'spr',
        'label' => 'lbl', 'website' => 'ws', 'aggregat' => 'aggr', 'minimal' => 'min',
        'inventory' => 'inv', 'status' => 'sts', 'agreement' => 'agrt', 'layout' => 'lyt',
        'resource' => 'res', 'directory' => 'dir', 'downloadable' => 'dl', 'element' => 'elm',
        'fieldset' => 'fset', 'checkout' => 'chkt', 'newsletter' => 'nlttr', 'shipping' => 'shpp',
        'calculation' => 'calc', 'search' => 'srch', 'query' => 'qr',
    ];

    /**
     * Name of an index or of a primary/unique constraint.
     *
     * @param string[] $columns
     * @param string $type "index" (any index type: btree, hash), "unique", "fulltext" or "primary"
     */
    public static function indexName(string $table, array $columns, string $type = 'index'): string
    {
        $type = strtolower($type);
        if ($type === 'primary') {
            return 'PRIMARY';
        }
        $prefix = match ($type) {
            'unique' => 'unq_',
            'fulltext' => 'fti_',
            default => 'idx_',
        };
        return strtoupper(self::shorten(self::originTable($table) . '_' . implode('_', $columns), $prefix));
    }

    public static function foreignKeyName(string $table, string $column, string $refTable, string $refColumn): string
    {
        $name = self::originTable($table) . '_' . $column . '_' . $refTable . '_' . $refColumn;
        return strtoupper(self::shorten($name, 'fk_'));
    }

    private static function originTable(string $table): string
    {
        return preg_match('/^(\S+)_replica$/i', $table, $m) ? $m[1] : $table;
    }

    public static function shorten(string $name, string $prefix): string
    {
        if (strlen($name) <= self::MAX_IDENTIFIER) {
            return $name;
        }
        $abbreviated = self::abbreviate($name);
        if (strlen($abbreviated) <= self::MAX_IDENTIFIER) {
            return $abbreviated;
        }
        $hash = md5($name);
        if (strlen($prefix) + strlen($hash) <= self::MAX_IDENTIFIER) {
            return $prefix . $hash;
        }
        // A prefix too long for the hash: Magento keeps the middle of the hash, alone.
        $excess = strlen($prefix) + strlen($hash) - self::MAX_IDENTIFIER;
        $cut = intdiv($excess, 2);
        return substr($hash, $cut, -($cut + $excess % 2));
    }

    /** Scans left to right; at each position the longest dictionary word wins. */
    public static function abbreviate(string $name): string
    {
        $words = array_keys(self::ABBREVIATIONS);
        usort($words, static fn (string $a, string $b): int => strlen($b) <=> strlen($a));
        $out = '';
        $length = strlen($name);
        for ($i = 0; $i < $length;) {
            foreach ($words as $word) {
                if (substr_compare($name, $word, $i, strlen($word)) === 0) {
                    $out .= self::ABBREVIATIONS[$word];
                    $i += strlen($word);
                    continue 2;
                }
            }
            $out .= $name[$i];
            $i++;
        }
        return $out;
    }
}
