<?php

declare(strict_types=1);

namespace Bandeau\Cti\Block\Adminhtml\Routing;

use Magento\Framework\View\Element\Html\Select;

/**
 * A select (or multiselect) cell of the routing rules table. Its options come from the data key
 * `source_options`; a multiselect posts an array, which Model/Config/Backend/RoutingRules stores
 * as comma-separated ids. The row's value is set by the table's script (column_values).
 */
class OptionsColumn extends Select
{
    /**
     * Magento's table sets the cell's input name through this.
     *
     * @param string $value
     * @return $this
     */
    public function setInputName($value)
    {
        return $this->setData('input_name', $value);
    }

    /**
     * The select with its options, named and identified as the table's other cells are.
     *
     * @return string
     */
    protected function _toHtml() // phpcs:ignore PSR2.Methods.MethodDeclaration.Underscore
    {
        $multiple = (bool)$this->getData('multiple');
        $this->setName((string)$this->getData('input_name') . ($multiple ? '[]' : ''));
        $this->setId((string)$this->getData('input_id'));
        $this->setClass('admin__control-select bandeau-routing-select');
        if ($multiple) {
            $this->setExtraParams('multiple="multiple" size="4"');
        }
        if (!$this->getOptions()) {
            foreach ((array)$this->getData('source_options') as $option) {
                $this->addOption((string)$option['value'], (string)$option['label']);
            }
        }
        return parent::_toHtml();
    }
}
