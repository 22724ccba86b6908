<?php

declare(strict_types=1);

namespace Magento\Framework\Controller\Result;

use Magento\Framework\App\Response\HttpInterface as HttpResponseInterface;
use Magento\Framework\Controller\AbstractResult;

class Raw extends AbstractResult
{
    protected $contents;

    public function setContents($contents)
    {
        $this->contents = $contents;
        return $this;
    }

    protected function render(HttpResponseInterface $response)
    {
        $response->setBody($this->contents);
        return $this;
    }
}
