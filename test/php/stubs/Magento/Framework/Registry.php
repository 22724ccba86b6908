<?php

declare(strict_types=1);

namespace Magento\Framework;

class Registry
{
    private array $registry = [];

    public function registry($key)
    {
        return $this->registry[$key] ?? null;
    }

    public function register($key, $value, $graceful = false)
    {
        if (isset($this->registry[$key]) && !$graceful) {
            throw new \RuntimeException('Registry key "' . $key . '" already exists');
        }
        $this->registry[$key] = $value;
    }
}
