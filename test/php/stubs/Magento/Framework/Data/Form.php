<?php

declare(strict_types=1);

namespace Magento\Framework\Data;

use Magento\Framework\Data\Form\Element\AbstractElement;
use Magento\Framework\Data\Form\Element\Fieldset;
use Magento\Framework\DataObject;

/**
 * Stand-in for a data form: fieldsets and elements by id.
 */
class Form extends DataObject
{
    /** @var AbstractElement[] */
    private array $all = [];

    public function addFieldset($elementId, $config, $after = false, $isAdvanced = false)
    {
        $fieldset = new Fieldset(array_merge($config, ['element_id' => $elementId, 'type' => 'fieldset', 'form' => $this]));
        $this->all[$elementId] = $fieldset;
        return $fieldset;
    }

    public function registerElement(AbstractElement $element): void
    {
        $this->all[$element->getData('element_id')] = $element;
    }

    public function getElement($elementId)
    {
        return $this->all[$elementId] ?? null;
    }
}
