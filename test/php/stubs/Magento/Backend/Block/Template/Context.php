<?php

/**
 * Stand-in for Magento\Backend\Block\Template\Context: what the module's admin blocks take from
 * it here (the admin URL builder).
 */

declare(strict_types=1);

namespace Magento\Backend\Block\Template;

use Magento\Framework\UrlInterface;

class Context
{
    public function __construct(private UrlInterface $urlBuilder)
    {
    }

    public function getUrlBuilder(): UrlInterface
    {
        return $this->urlBuilder;
    }
}
