<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing\Data;

use Bandeau\Cti\Api\Data\RoutingFallbackInterface;

/**
 * Immutable RoutingFallbackInterface; toArray() gives the shape Magento's webapi writes for it.
 */
class RoutingFallback implements RoutingFallbackInterface
{
    /**
     * @param string $route
     * @param int $priority
     * @param string $message
     */
    public function __construct(
        private string $route,
        private int $priority,
        private string $message
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getRoute(): string
    {
        return $this->route;
    }

    /**
     * @inheritdoc
     */
    public function getPriority(): int
    {
        return $this->priority;
    }

    /**
     * @inheritdoc
     */
    public function getMessage(): string
    {
        return $this->message;
    }

    /**
     * The webapi shape: snake_case keys, nested objects as arrays, optional nulls left out.
     *
     * @return array<string, mixed>
     */
    public function toArray(): array
    {
        $out = [];
        $out['route'] = $this->route;
        $out['priority'] = $this->priority;
        $out['message'] = $this->message;
        return $out;
    }
}
