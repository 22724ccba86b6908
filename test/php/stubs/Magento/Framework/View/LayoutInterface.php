<?php

declare(strict_types=1);

namespace Magento\Framework\View;

/**
 * Stand-in for Magento's layout, as far as blocks create their child renderers with it.
 */
interface LayoutInterface
{
    /**
     * @param string $type class name
     * @param string $name
     * @param array $arguments constructor arguments (`data`)
     * @return \Magento\Framework\View\Element\AbstractBlock
     */
    public function createBlock($type, $name = '', array $arguments = []);
}
