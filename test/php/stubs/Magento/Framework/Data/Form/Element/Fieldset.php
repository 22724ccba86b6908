<?php

declare(strict_types=1);

namespace Magento\Framework\Data\Form\Element;

class Fieldset extends AbstractElement
{
    /** @var AbstractElement[] */
    private array $fields = [];

    public function addField($elementId, $type, $config, $after = false, $isAdvanced = false)
    {
        $element = new AbstractElement(array_merge($config, ['element_id' => $elementId, 'type' => $type]));
        $this->fields[$elementId] = $element;
        $this->getData('form')?->registerElement($element);
        return $element;
    }

    /**
     * @return AbstractElement[]
     */
    public function getElements()
    {
        return $this->fields;
    }
}
