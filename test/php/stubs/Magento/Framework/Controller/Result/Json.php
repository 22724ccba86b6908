<?php

declare(strict_types=1);

namespace Magento\Framework\Controller\Result;

use Magento\Framework\App\Response\HttpInterface as HttpResponseInterface;
use Magento\Framework\Controller\AbstractResult;

class Json extends AbstractResult
{
    protected $json;

    public function setData($data, $cycleCheck = false, $options = [])
    {
        $this->json = json_encode($data, JSON_THROW_ON_ERROR);
        return $this;
    }

    public function setJsonData($jsonData)
    {
        $this->json = (string)$jsonData;
        return $this;
    }

    protected function render(HttpResponseInterface $response)
    {
        $response->setHeader('Content-Type', 'application/json', true);
        $response->setBody($this->json);
        return $this;
    }
}
