<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * A routing decision with its explanation, for the admin's "test a number" box.
 *
 * Field names are what Magento's webapi writes (getGroupId -> group_id, isKnown -> known).
 *
 * @api
 */
interface RoutingExplanationInterface
{
    /**
     * The number in E.164, or as typed when it could not be read.
     *
     * @return string
     */
    public function getPhone(): string;

    /**
     * Route chosen.
     *
     * @return string
     */
    public function getRoute(): string;

    /**
     * rule, no_match, unknown_number or no_caller_id.
     *
     * @return string
     */
    public function getReason(): string;

    /**
     * The matched rule, null (written as null) when none matched.
     *
     * @return \Bandeau\Cti\Api\Data\RoutingRuleRefInterface
     */
    public function getRule(): ?RoutingRuleRefInterface;

    /**
     * Queue priority 0..100.
     *
     * @return int
     */
    public function getPriority(): int;

    /**
     * Sound name or an empty string.
     *
     * @return string
     */
    public function getMessage(): string;

    /**
     * Increment id of the matched order, or an empty string.
     *
     * @return string
     */
    public function getOrder(): string;

    /**
     * Whether the customer is in a VIP group.
     *
     * @return bool
     */
    public function isVip(): bool;

    /**
     * Two-letter language of the customer's store view, or an empty string.
     *
     * @return string
     */
    public function getLang(): string;

    /**
     * The customer, null (written as null) when none.
     *
     * @return int
     */
    public function getCustomerId(): ?int;

    /**
     * The customer's name, or an empty string.
     *
     * @return string
     */
    public function getCustomerName(): string;

    /**
     * One item per condition of the matched rule; empty when none matched.
     *
     * @return \Bandeau\Cti\Api\Data\RoutingWhyInterface[]
     */
    public function getWhy(): array;

    /**
     * The facts evaluated; null (written as null) when the number cannot be read.
     *
     * @return \Bandeau\Cti\Api\Data\RoutingCallerFactsInterface
     */
    public function getFacts(): ?RoutingCallerFactsInterface;
}
