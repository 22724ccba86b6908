<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Export;

use Bandeau\Cti\Api\Data\CallInterface;

/**
 * CSV of call records (one customer's calls for an access request).
 */
class CallCsv
{
    public const COLUMNS = [
        CallInterface::CALL_ID, CallInterface::DIRECTION, CallInterface::FROM, CallInterface::TO,
        CallInterface::AGENT_EXTENSION, CallInterface::STARTED_AT, CallInterface::ANSWERED_AT,
        CallInterface::ENDED_AT, CallInterface::DURATION_S, CallInterface::TALK_S,
        CallInterface::DISPOSITION, CallInterface::ORDER_ID, CallInterface::CAMPAIGN_ID,
        CallInterface::RECORDING_URL, CallInterface::NOTE,
    ];

    /**
     * @param CallInterface[] $calls
     */
    public function build(array $calls): string
    {
        $handle = fopen('php://temp', 'w+b');
        fputcsv($handle, self::COLUMNS, ',', '"', '');
        foreach ($calls as $call) {
            $line = [];
            foreach (self::COLUMNS as $field) {
                $getter = 'get' . str_replace('_', '', ucwords($field, '_'));
                $line[] = $this->cell($call->{$getter}());
            }
            fputcsv($handle, $line, ',', '"', '');
        }
        rewind($handle);
        $csv = (string)stream_get_contents($handle);
        fclose($handle);
        return $csv;
    }

    /**
     * Neutralises spreadsheet formulas; phone numbers such as "+33612345678" stay as they are.
     */
    private function cell(mixed $value): string
    {
        $text = $value === null ? '' : (string)$value;
        $isNumber = preg_match('/^[+-]?[0-9 ().-]*$/', $text) === 1;
        if ($text !== '' && !$isNumber && preg_match('/^[=+\-@\t\r]/', $text)) {
            return "'" . $text;
        }
        return $text;
    }
}
