<?php

declare(strict_types=1);

namespace Magento\Framework\View\Result;

use Magento\Framework\App\Response\HttpInterface as HttpResponseInterface;
use Magento\Framework\Controller\AbstractResult;
use Magento\Framework\View\Page\Config;

/**
 * Stand-in for a layout page result: its configuration (title) and layout handles; rendering the
 * layout is the caller's business in tests (no layout engine here).
 */
class Page extends AbstractResult
{
    private Config $pageConfig;
    /** @var string[] */
    private array $handles = [];

    public function __construct()
    {
        $this->pageConfig = new Config();
    }

    public function getConfig()
    {
        return $this->pageConfig;
    }

    public function addHandle($handleName)
    {
        foreach ((array)$handleName as $handle) {
            $this->handles[] = (string)$handle;
        }
        return $this;
    }

    /** @return string[] */
    public function getHandles(): array
    {
        return $this->handles;
    }

    protected function render(HttpResponseInterface $response)
    {
        return $this;
    }
}
