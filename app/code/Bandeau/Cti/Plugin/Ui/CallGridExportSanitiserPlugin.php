<?php

declare(strict_types=1);

namespace Bandeau\Cti\Plugin\Ui;

use Bandeau\Cti\Model\Export\CallCsv;
use Magento\Framework\Api\Search\DocumentInterface;
use Magento\Ui\Model\Export\MetadataProvider;

/**
 * Magento's grid export guards only "=", "+" and "-" at the start of a cell: the Calls grid's rows
 * (notes, numbers, names) go through the module's own spreadsheet guard (CallCsv::sanitise) too.
 */
class CallGridExportSanitiserPlugin
{
    /**
     * @param CallCsv $csv
     */
    public function __construct(private CallCsv $csv)
    {
    }

    /**
     * Neutralises formulas in a row of the Calls grid export (rows of other grids are left alone).
     *
     * @param MetadataProvider $subject
     * @param array $result
     * @param DocumentInterface $document
     * @return array
     * @SuppressWarnings(PHPMD.UnusedFormalParameter)
     */
    public function afterGetRowData(MetadataProvider $subject, $result, DocumentInterface $document)
    {
        // A grid document answers every attribute code: only a Calls grid row has a call id.
        $callId = $document->getCustomAttribute('call_id');
        if (!is_array($result) || $callId === null || $callId->getValue() === null) {
            return $result;
        }
        return array_map(fn ($value) => $this->csv->sanitise($value), $result);
    }
}
