<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Config\Backend;

use Bandeau\Cti\Model\DeskPhone\StaffLines;
use Magento\Framework\App\Config\Value;
use Magento\Framework\Exception\LocalizedException;

/**
 * The phone book's staff list (bandeau/phones/staff): every line is checked before it is saved,
 * and the whole save is refused with a message naming the first bad line. Stored tidied: one
 * "Name,extension" a line, blank lines dropped.
 */
class StaffExtensions extends Value
{
    /**
     * Checks and tidies the lines.
     *
     * @return $this
     * @throws LocalizedException naming the first invalid line (nothing is saved)
     */
    public function beforeSave()
    {
        $value = $this->getValue();
        $text = is_scalar($value) ? (string)$value : '';
        $lines = [];
        foreach ((new StaffLines())->parse($text) as [$name, $extension]) {
            $lines[] = $name . ',' . $extension;
        }
        $this->setValue(implode("\n", $lines));
        return parent::beforeSave();
    }
}
