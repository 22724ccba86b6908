<?php

declare(strict_types=1);

namespace Magento\Customer\Block\Address\Renderer;

/**
 * Stand-in for the address renderer interface (the methods the module's plugin touches).
 */
interface RendererInterface
{
    /**
     * @return \Magento\Framework\DataObject format type (code "html", "text", "oneline", "pdf")
     */
    public function getType();

    /**
     * @param array $addressAttributes
     * @param mixed $format
     * @return string
     */
    public function renderArray($addressAttributes, $format = null);
}
