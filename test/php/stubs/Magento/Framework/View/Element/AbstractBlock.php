<?php

declare(strict_types=1);

namespace Magento\Framework\View\Element;

use Magento\Framework\DataObject;
use Magento\Framework\Escaper;

/**
 * Stand-in for Magento's AbstractBlock, as far as the module's renderers use it.
 */
abstract class AbstractBlock extends DataObject
{
    // What Magento's magic setters do for the cell renderers of a dynamic rows table.
    public function setInputId($value)
    {
        return $this->setData('input_id', $value);
    }

    public function setColumnName($value)
    {
        return $this->setData('column_name', $value);
    }

    public function setColumn($value)
    {
        return $this->setData('column', $value);
    }

    public function toHtml()
    {
        return $this->_toHtml();
    }

    protected function _toHtml()
    {
        return '';
    }

    public function escapeHtml($data, $allowedTags = null)
    {
        return (new Escaper())->escapeHtml($data, $allowedTags);
    }
}
