<?php

declare(strict_types=1);

namespace Magento\Framework\View\Element\UiComponent;

/**
 * Stand-in: the UI component context (nothing the module's columns read).
 */
interface ContextInterface
{
}
