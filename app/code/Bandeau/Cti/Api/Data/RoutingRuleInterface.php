<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * One routing rule.
 *
 * Field names are what Magento's webapi writes (getGroupId -> group_id, isKnown -> known).
 *
 * @api
 */
interface RoutingRuleInterface
{
    /**
     * Rule code, ^[a-z0-9_-]{1,32}$.
     *
     * @return string
     */
    public function getCode(): string;

    /**
     * Label shown to admins and agents.
     *
     * @return string
     */
    public function getLabel(): string;

    /**
     * Inactive rules are skipped.
     *
     * @return bool
     */
    public function isActive(): bool;

    /**
     * Conditions, all of which must hold; null (left out) when none: the rule matches every caller.
     *
     * @return \Bandeau\Cti\Api\Data\RoutingConditionsInterface|null
     */
    public function getConditions(): ?RoutingConditionsInterface;

    /**
     * Route name, ^[A-Za-z0-9_-]{1,32}$.
     *
     * @return string
     */
    public function getRoute(): string;

    /**
     * Queue priority 0..100.
     *
     * @return int
     */
    public function getPriority(): int;

    /**
     * Sound name to play, or an empty string.
     *
     * @return string
     */
    public function getMessage(): string;
}
