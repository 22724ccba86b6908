<?php

declare(strict_types=1);

namespace Magento\Csp\Api\Data;

interface PolicyInterface
{
    public function getId(): string;

    public function getValue(): string;
}
