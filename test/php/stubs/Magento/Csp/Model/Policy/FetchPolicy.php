<?php

declare(strict_types=1);

namespace Magento\Csp\Model\Policy;

/**
 * Stand-in for a CSP fetch directive (same constructor as Magento 2.4).
 */
class FetchPolicy implements SimplePolicyInterface
{
    public function __construct(
        private string $id,
        private bool $noneAllowed = true,
        private array $hostSources = [],
        private array $schemeSources = [],
        private bool $selfAllowed = false,
        private bool $inlineAllowed = false,
        private bool $evalAllowed = false,
        private array $nonceValues = [],
        private array $hashValues = [],
        private bool $dynamicAllowed = false,
        private bool $eventHandlersAllowed = false
    ) {
    }

    public function getId(): string
    {
        return $this->id;
    }

    public function isNoneAllowed(): bool
    {
        return $this->noneAllowed;
    }

    public function getHostSources(): array
    {
        return $this->hostSources;
    }

    public function getSchemeSources(): array
    {
        return $this->schemeSources;
    }

    public function isSelfAllowed(): bool
    {
        return $this->selfAllowed;
    }

    public function isInlineAllowed(): bool
    {
        return $this->inlineAllowed;
    }

    public function isEvalAllowed(): bool
    {
        return $this->evalAllowed;
    }

    public function getValue(): string
    {
        if ($this->noneAllowed) {
            return '\'none\'';
        }
        $sources = $this->hostSources;
        foreach ($this->schemeSources as $scheme) {
            $sources[] = $scheme . ':';
        }
        if ($this->selfAllowed) {
            $sources[] = '\'self\'';
        }
        return implode(' ', $sources);
    }
}
