<?php

declare(strict_types=1);

namespace Magento\Framework\Controller\Result;

class RedirectFactory
{
    public function create(array $data = [])
    {
        return new Redirect();
    }
}
