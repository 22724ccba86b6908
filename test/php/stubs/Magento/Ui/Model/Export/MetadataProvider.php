<?php

declare(strict_types=1);

namespace Magento\Ui\Model\Export;

use Magento\Framework\Api\Search\DocumentInterface;

/**
 * Stand-in for the grid export's row reader: the values of the row's columns, as Magento reads them.
 */
class MetadataProvider
{
    /**
     * @param DocumentInterface $document
     * @param string[] $fields
     * @param array $options
     * @return string[]
     */
    public function getRowData(DocumentInterface $document, $fields, $options): array
    {
        $row = [];
        foreach ($fields as $field) {
            $row[] = (string)$document->getCustomAttribute($field)?->getValue();
        }
        return $row;
    }
}
