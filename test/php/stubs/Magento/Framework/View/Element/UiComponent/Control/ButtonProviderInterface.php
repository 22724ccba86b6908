<?php

declare(strict_types=1);

namespace Magento\Framework\View\Element\UiComponent\Control;

/**
 * Stand-in: a button of a UI component form (label, class, on_click, sort_order).
 */
interface ButtonProviderInterface
{
    /**
     * @return array
     */
    public function getButtonData();
}
