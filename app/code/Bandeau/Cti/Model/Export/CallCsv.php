<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Export;

use Bandeau\Cti\Api\Data\CallInterface;

/**
 * CSV of call records (one customer's calls for an access request).
 *
 * Built in memory, with no stream: Magento's DriverInterface::filePutCsv() would put a space before
 * every value starting with "+" (its spreadsheet guard), and numbers are exported as stored.
 */
class CallCsv
{
    public const COLUMNS = [
        CallInterface::CALL_ID, CallInterface::DIRECTION, CallInterface::FROM, CallInterface::TO,
        CallInterface::AGENT_EXTENSION, CallInterface::STARTED_AT, CallInterface::ANSWERED_AT,
        CallInterface::ENDED_AT, CallInterface::DURATION_S, CallInterface::TALK_S,
        CallInterface::DISPOSITION, CallInterface::ORDER_ID, CallInterface::CAMPAIGN_ID,
        CallInterface::RECORDING_URL, CallInterface::NOTE, CallInterface::TRANSFERRED_TO, CallInterface::QUEUE,
        CallInterface::QUEUE_POSITION, CallInterface::ABANDON_POSITION, CallInterface::WAIT_S,
        CallInterface::ROUTE, CallInterface::ROUTE_RULE, CallInterface::ROUTE_REASON,
    ];

    /**
     * The header line, then one line per call, in COLUMNS order.
     *
     * @param CallInterface[] $calls
     * @return string
     */
    public function build(array $calls): string
    {
        $csv = $this->line(self::COLUMNS);
        foreach ($calls as $call) {
            $cells = [];
            foreach (self::COLUMNS as $field) {
                $getter = 'get' . str_replace('_', '', ucwords($field, '_'));
                $cells[] = $this->sanitise($call->{$getter}());
            }
            $csv .= $this->line($cells);
        }
        return $csv;
    }

    /**
     * One record exactly as fputcsv() writes it with escaping off (RFC 4180).
     *
     * A field holding a comma, a quote, a space, a tab or a line break is quoted, its quotes doubled;
     * "\n" ends the record. Also used by the call analytics' CSV export.
     *
     * @param string[] $cells
     * @return string
     */
    public function line(array $cells): string
    {
        $fields = array_map(
            static fn (string $cell): string => preg_match('/[,"\n\r\t ]/', $cell)
                ? '"' . str_replace('"', '""', $cell) . '"'
                : $cell,
            $cells
        );
        return implode(',', $fields) . "\n";
    }

    /**
     * Neutralises spreadsheet formulas ("=", "+", "-", "@", tab, CR first); phone numbers such as
     * "+33612345678" stay as they are. Also used on the Calls grid's export.
     *
     * @param mixed $value
     * @return string
     */
    public function sanitise(mixed $value): string
    {
        $text = $value === null ? '' : (string)$value;
        $isNumber = preg_match('/^[+-]?[0-9 ().-]*$/', $text) === 1;
        if ($text !== '' && !$isNumber && preg_match('/^[=+\-@\t\r]/', $text)) {
            return "'" . $text;
        }
        return $text;
    }
}
