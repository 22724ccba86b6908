<?php

declare(strict_types=1);

namespace Bandeau\Cti\Ui\Component\Listing\Column;

use Bandeau\Cti\Model\Phone\TelLink;
use Magento\Framework\View\Element\UiComponent\ContextInterface;
use Magento\Framework\View\Element\UiComponentFactory;
use Magento\Ui\Component\Listing\Columns\Column;

/**
 * Telephone column of the customer and order grids: adds "<column>_bandeau_tel", the escaped tel:
 * link that the cell template Bandeau_Cti/grid/cells/tel renders. The raw value stays untouched, so
 * filters, sorting, inline editing and CSV export keep working on the stored number.
 */
class Telephone extends Column
{
    public const HTML_SUFFIX = '_bandeau_tel';

    /**
     * @param ContextInterface $context
     * @param UiComponentFactory $uiComponentFactory
     * @param TelLink $telLink
     * @param array $components
     * @param array $data
     */
    public function __construct(
        ContextInterface $context,
        UiComponentFactory $uiComponentFactory,
        private TelLink $telLink,
        array $components = [],
        array $data = []
    ) {
        parent::__construct($context, $uiComponentFactory, $components, $data);
    }

    /**
     * Adds the escaped tel: link of each row's number next to the raw value.
     *
     * @param array $dataSource
     * @return array
     */
    public function prepareDataSource(array $dataSource)
    {
        $name = (string)$this->getData('name');
        if ($name === '' || !isset($dataSource['data']['items']) || !is_array($dataSource['data']['items'])) {
            return $dataSource;
        }
        foreach ($dataSource['data']['items'] as &$item) {
            $value = $item[$name] ?? null;
            $item[$name . self::HTML_SUFFIX] = is_scalar($value) ? $this->telLink->html((string)$value) : '';
        }
        unset($item);
        return $dataSource;
    }
}
