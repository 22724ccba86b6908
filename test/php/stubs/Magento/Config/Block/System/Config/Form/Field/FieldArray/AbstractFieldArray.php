<?php

/**
 * Stand-in for Magento\Config\Block\System\Config\Form\Field\FieldArray\AbstractFieldArray
 * (Magento 2.4, written from its behaviour): columns, cell templates (a renderer's HTML, or a text
 * input whose value is the row's `<%- column %>`), and the rows of the element's value with their
 * `column_values` (cell id => value) before _prepareArrayRow(). Its HTML here is the cell
 * templates and the rows as JSON, what Magento's array.phtml puts in its script.
 */

declare(strict_types=1);

namespace Magento\Config\Block\System\Config\Form\Field\FieldArray;

use Magento\Config\Block\System\Config\Form\Field;
use Magento\Framework\Data\Form\Element\AbstractElement;
use Magento\Framework\DataObject;
use Magento\Framework\View\Element\AbstractBlock;
use Magento\Framework\View\LayoutInterface;

abstract class AbstractFieldArray extends Field
{
    protected $_columns = [];
    protected $_addAfter = true;
    protected $_addButtonLabel;
    private bool $prepared = false;
    private ?LayoutInterface $layout = null;

    public function setLayout(LayoutInterface $layout)
    {
        $this->layout = $layout;
        return $this;
    }

    public function getLayout()
    {
        return $this->layout;
    }

    public function addColumn($name, $params)
    {
        $this->_columns[$name] = [
            'label' => $params['label'] ?? 'Column',
            'size' => $params['size'] ?? false,
            'style' => $params['style'] ?? null,
            'class' => $params['class'] ?? null,
            'renderer' => ($params['renderer'] ?? null) instanceof AbstractBlock ? $params['renderer'] : false,
        ];
    }

    public function getColumns()
    {
        return $this->_columns;
    }

    public function isAddAfter()
    {
        return $this->_addAfter;
    }

    public function getAddButtonLabel()
    {
        return $this->_addButtonLabel;
    }

    public function getElement()
    {
        return $this->getData('element');
    }

    protected function _getCellInputElementId($rowId, $columnName)
    {
        return $rowId . '_' . $columnName;
    }

    protected function _getCellInputElementName($columnName)
    {
        return $this->getElement()->getData('name') . '[<%- _id %>][' . $columnName . ']';
    }

    public function renderCellTemplate($columnName)
    {
        $column = $this->_columns[$columnName];
        $inputName = $this->_getCellInputElementName($columnName);
        if ($column['renderer']) {
            return $column['renderer']->setInputName($inputName)
                ->setInputId($this->_getCellInputElementId('<%- _id %>', $columnName))
                ->setColumnName($columnName)
                ->setColumn($column)
                ->toHtml();
        }
        return '<input type="text" id="' . $this->_getCellInputElementId('<%- _id %>', $columnName) . '" name="'
            . $inputName . '" value="<%- ' . $columnName . ' %>" '
            . ($column['size'] ? 'size="' . $column['size'] . '"' : '')
            . ' class="' . ($column['class'] ?? 'input-text') . '"/>';
    }

    public function getArrayRows()
    {
        $result = [];
        $value = $this->getElement()->getData('value');
        if ($value && is_array($value)) {
            foreach ($value as $rowId => $row) {
                $columnValues = [];
                foreach ($row as $key => $cell) {
                    $columnValues[$this->_getCellInputElementId($rowId, $key)] = $cell;
                }
                $row['_id'] = $rowId;
                $row['column_values'] = $columnValues;
                $result[$rowId] = new DataObject($row);
                $this->_prepareArrayRow($result[$rowId]);
            }
        }
        return $result;
    }

    protected function _prepareToRender()
    {
    }

    protected function _prepareArrayRow(DataObject $row)
    {
    }

    protected function _getElementHtml(AbstractElement $element)
    {
        $this->setData('element', $element);
        if (!$this->prepared) {
            $this->_prepareToRender();
            $this->prepared = true;
        }
        $html = '';
        foreach (array_keys($this->_columns) as $column) {
            $html .= '<td>' . $this->renderCellTemplate($column) . '</td>';
        }
        return $html;
    }
}
