<?php

/**
 * Stand-in for Magento\Config\Model\Config\Backend\Serialized (Magento 2.4, written from its
 * behaviour): beforeSave() JSON-encodes an array value; _afterLoad() decodes a string value (from
 * the database or a config.xml default) into an array, and an empty or undecodable one into false.
 */

declare(strict_types=1);

namespace Magento\Config\Model\Config\Backend;

use Magento\Framework\App\Config\Value;

class Serialized extends Value
{
    protected function _afterLoad()
    {
        $value = $this->getValue();
        if (!is_array($value)) {
            try {
                $this->setValue(empty($value) ? false : json_decode((string)$value, true, 512, JSON_THROW_ON_ERROR));
            } catch (\JsonException $e) {
                $this->setValue(false);
            }
        }
    }

    public function beforeSave()
    {
        if (is_array($this->getValue())) {
            $this->setValue(json_encode($this->getValue(), JSON_THROW_ON_ERROR));
        }
        parent::beforeSave();
        return $this;
    }
}
