<?php

declare(strict_types=1);

namespace Magento\Framework\App;

interface ActionInterface
{
    /**
     * @return \Magento\Framework\Controller\ResultInterface|ResponseInterface
     */
    public function execute();
}
