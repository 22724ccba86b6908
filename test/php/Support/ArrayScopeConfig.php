<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Magento\Framework\App\Config\ScopeConfigInterface;

/**
 * Configuration values from an array keyed by path (default scope only).
 */
class ArrayScopeConfig implements ScopeConfigInterface
{
    /**
     * @param array<string, mixed> $values
     */
    public function __construct(private array $values = [])
    {
    }

    public function set(string $path, mixed $value): self
    {
        $this->values[$path] = $value;
        return $this;
    }

    public function getValue($path, $scopeType = ScopeConfigInterface::SCOPE_TYPE_DEFAULT, $scopeCode = null)
    {
        return $this->values[$path] ?? null;
    }

    public function isSetFlag($path, $scopeType = ScopeConfigInterface::SCOPE_TYPE_DEFAULT, $scopeCode = null)
    {
        return !empty($this->values[$path]);
    }
}
