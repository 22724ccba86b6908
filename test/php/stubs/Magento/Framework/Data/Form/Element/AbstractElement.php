<?php

declare(strict_types=1);

namespace Magento\Framework\Data\Form\Element;

use Magento\Framework\DataObject;

/**
 * Stand-in for a form element: its id, type and config (label, name, value...).
 */
class AbstractElement extends DataObject
{
    public function getId()
    {
        return $this->getData('html_id') ?? $this->getData('element_id');
    }

    public function getType()
    {
        return $this->getData('type');
    }

    public function getHtmlId()
    {
        return $this->getData('html_id');
    }

    public function getName()
    {
        return $this->getData('name');
    }

    // Magento's magic getters of the field's config.
    public function getValue()
    {
        return $this->getData('value');
    }

    public function getLabel()
    {
        return $this->getData('label');
    }

    public function getComment()
    {
        return $this->getData('comment');
    }

    public function unsScope()
    {
        return $this->unsetData('scope');
    }

    public function unsCanUseWebsiteValue()
    {
        return $this->unsetData('can_use_website_value');
    }

    public function unsCanUseDefaultValue()
    {
        return $this->unsetData('can_use_default_value');
    }
}
