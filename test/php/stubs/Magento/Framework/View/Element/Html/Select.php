<?php

/**
 * Stand-in for Magento\Framework\View\Element\Html\Select (Magento 2.4, written from its
 * behaviour): options set or added, name, id, class and extra parameters, options escaped and
 * selected by value.
 */

declare(strict_types=1);

namespace Magento\Framework\View\Element\Html;

use Magento\Framework\View\Element\AbstractBlock;

class Select extends AbstractBlock
{
    protected $_options = [];

    public function getOptions()
    {
        return $this->_options;
    }

    public function setOptions($options)
    {
        $this->_options = $options;
        return $this;
    }

    public function addOption($value, $label, $params = [])
    {
        $this->_options[] = ['value' => $value, 'label' => $label, 'params' => $params];
        return $this;
    }

    public function setId($elementId)
    {
        return $this->setData('id', $elementId);
    }

    public function getId()
    {
        return $this->getData('id');
    }

    public function setClass($class)
    {
        return $this->setData('class', $class);
    }

    public function setName($name)
    {
        return $this->setData('name', $name);
    }

    public function getName()
    {
        return $this->getData('name');
    }

    public function setExtraParams($params)
    {
        return $this->setData('extra_params', $params);
    }

    protected function _toHtml()
    {
        $html = '<select name="' . $this->getName() . '" id="' . $this->getId() . '" class="'
            . $this->getData('class') . '" title="" ' . $this->getData('extra_params') . '>';
        $values = (array)$this->getData('value');
        foreach ($this->getOptions() as $option) {
            $html .= sprintf(
                '<option value="%s"%s>%s</option>',
                $this->escapeHtml($option['value']),
                in_array($option['value'], $values) ? ' selected="selected"' : '',
                $this->escapeHtml((string)$option['label'])
            );
        }
        return $html . '</select>';
    }
}
