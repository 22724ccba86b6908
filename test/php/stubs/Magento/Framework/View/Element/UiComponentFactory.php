<?php

declare(strict_types=1);

namespace Magento\Framework\View\Element;

/**
 * Stand-in: the UI component factory (not used by the module's columns).
 */
class UiComponentFactory
{
}
