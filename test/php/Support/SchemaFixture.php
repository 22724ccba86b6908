<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

/**
 * Reads test/php/fixtures/schema.sql (the hand-written DDL) and etc/db_schema.xml into the same
 * shape so a test can compare them: columns (type, length, unsigned, nullable), unique keys,
 * indexes and foreign keys.
 */
final class SchemaFixture
{
    public const SQL = __DIR__ . '/../fixtures/schema.sql';
    public const XML = TranslatableStrings::MODULE_DIR . '/etc/db_schema.xml';

    /**
     * @return string[] the statements of the fixture, comments removed
     */
    public static function statements(string $path = self::SQL): array
    {
        $lines = array_filter(
            explode("\n", (string)file_get_contents($path)),
            static fn (string $line): bool => !str_starts_with(ltrim($line), '--')
        );
        $statements = array_map('trim', explode(";\n", implode("\n", $lines) . "\n"));
        return array_values(array_filter($statements, static fn (string $s): bool => $s !== ''));
    }

    /**
     * @return array<string, array{columns: array<string, array>, unique: array<string, string[]>,
     *     index: array<string, string[]>, foreign: array<string, array>}>
     */
    public static function fromSql(string $path = self::SQL): array
    {
        $tables = [];
        foreach (self::statements($path) as $statement) {
            if (!preg_match('/^CREATE TABLE `(\w+)` \((.*)\)[^)]*$/s', $statement, $m)) {
                continue;
            }
            $table = ['columns' => [], 'unique' => [], 'index' => [], 'foreign' => []];
            $body = preg_replace('/\s*\n\s*REFERENCES/', ' REFERENCES', $m[2]);
            foreach (preg_split('/,\s*\n/', $body) as $line) {
                $line = trim($line);
                if (preg_match('/^`(\w+)` (\w+)(?:\((\d+)\))?( unsigned)?(.*)$/i', $line, $c)) {
                    $table['columns'][$c[1]] = self::column(
                        strtolower($c[2]),
                        $c[3] === '' ? null : (int)$c[3],
                        $c[4] !== '',
                        !str_contains(strtoupper($c[5]), 'NOT NULL')
                    );
                } elseif (preg_match('/^UNIQUE KEY `(\w+)` \((.*)\)$/', $line, $k)) {
                    $table['unique'][$k[1]] = self::columnList($k[2]);
                } elseif (preg_match('/^KEY `(\w+)` \((.*)\)$/', $line, $k)) {
                    $table['index'][$k[1]] = self::columnList($k[2]);
                } elseif (
                    preg_match(
                        '/^CONSTRAINT `(\w+)` FOREIGN KEY \(`(\w+)`\) REFERENCES `(\w+)` \(`(\w+)`\) ON DELETE (SET NULL|CASCADE|NO ACTION|RESTRICT)$/',
                        $line,
                        $k
                    )
                ) {
                    $table['foreign'][$k[1]] = ['column' => $k[2], 'table' => $k[3], 'ref' => $k[4], 'onDelete' => $k[5]];
                }
            }
            $tables[$m[1]] = $table;
        }
        return $tables;
    }

    /**
     * @return array<string, array> same shape as fromSql()
     */
    public static function fromXml(string $path = self::XML): array
    {
        $doc = new \DOMDocument();
        $doc->load($path);
        $xpath = new \DOMXPath($doc);
        $tables = [];
        foreach ($xpath->query('/schema/table') as $tableNode) {
            /** @var \DOMElement $tableNode */
            $table = ['columns' => [], 'unique' => [], 'index' => [], 'foreign' => []];
            foreach ($xpath->query('column', $tableNode) as $col) {
                /** @var \DOMElement $col */
                $type = $col->getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type');
                $length = $col->hasAttribute('length') ? (int)$col->getAttribute('length') : null;
                if ($type === 'int' && $length === null) {
                    $length = $col->getAttribute('unsigned') === 'true' ? 10 : 11;
                }
                $table['columns'][$col->getAttribute('name')] = self::column(
                    $type,
                    $length,
                    $col->getAttribute('unsigned') === 'true',
                    $col->getAttribute('nullable') !== 'false'
                );
            }
            foreach ($xpath->query('constraint', $tableNode) as $con) {
                /** @var \DOMElement $con */
                $type = $con->getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type');
                $columns = [];
                foreach ($xpath->query('column', $con) as $c) {
                    $columns[] = $c->getAttribute('name');
                }
                if ($type === 'unique') {
                    $table['unique'][$con->getAttribute('referenceId')] = $columns;
                } elseif ($type === 'foreign') {
                    $table['foreign'][$con->getAttribute('referenceId')] = [
                        'column' => $con->getAttribute('column'),
                        'table' => $con->getAttribute('referenceTable'),
                        'ref' => $con->getAttribute('referenceColumn'),
                        'onDelete' => $con->getAttribute('onDelete') ?: 'CASCADE',
                    ];
                }
            }
            foreach ($xpath->query('index', $tableNode) as $idx) {
                /** @var \DOMElement $idx */
                $columns = [];
                foreach ($xpath->query('column', $idx) as $c) {
                    $columns[] = $c->getAttribute('name');
                }
                $table['index'][$idx->getAttribute('referenceId')] = $columns;
            }
            $tables[$tableNode->getAttribute('name')] = $table;
        }
        return $tables;
    }

    private static function column(string $type, ?int $length, bool $unsigned, bool $nullable): array
    {
        return ['type' => $type, 'length' => $length, 'unsigned' => $unsigned, 'nullable' => $nullable];
    }

    /**
     * @return string[]
     */
    private static function columnList(string $list): array
    {
        return array_map(static fn (string $c): string => trim($c, " `"), explode(',', $list));
    }
}
