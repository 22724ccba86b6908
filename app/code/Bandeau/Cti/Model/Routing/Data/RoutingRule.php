<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing\Data;

use Bandeau\Cti\Api\Data\RoutingConditionsInterface;
use Bandeau\Cti\Api\Data\RoutingRuleInterface;

/**
 * Immutable RoutingRuleInterface; toArray() gives the shape Magento's webapi writes for it.
 */
class RoutingRule implements RoutingRuleInterface
{
    /**
     * @param string $code
     * @param string $label
     * @param bool $active
     * @param RoutingConditionsInterface|null $conditions
     * @param string $route
     * @param int $priority
     * @param string $message
     */
    public function __construct(
        private string $code,
        private string $label,
        private bool $active,
        private ?RoutingConditionsInterface $conditions,
        private string $route,
        private int $priority,
        private string $message
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getCode(): string
    {
        return $this->code;
    }

    /**
     * @inheritdoc
     */
    public function getLabel(): string
    {
        return $this->label;
    }

    /**
     * @inheritdoc
     */
    public function isActive(): bool
    {
        return $this->active;
    }

    /**
     * @inheritdoc
     */
    public function getConditions(): ?RoutingConditionsInterface
    {
        return $this->conditions;
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
        $out['code'] = $this->code;
        $out['label'] = $this->label;
        $out['active'] = $this->active;
        if ($this->conditions !== null) {
            $out['conditions'] = $this->conditions->toArray();
        }
        $out['route'] = $this->route;
        $out['priority'] = $this->priority;
        $out['message'] = $this->message;
        return $out;
    }
}
