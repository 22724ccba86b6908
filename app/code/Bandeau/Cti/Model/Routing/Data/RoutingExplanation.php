<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing\Data;

use Bandeau\Cti\Api\Data\RoutingCallerFactsInterface;
use Bandeau\Cti\Api\Data\RoutingExplanationInterface;
use Bandeau\Cti\Api\Data\RoutingRuleRefInterface;
use Bandeau\Cti\Api\Data\RoutingWhyInterface;

/**
 * Immutable RoutingExplanationInterface; toArray() gives the shape Magento's webapi writes for it.
 */
class RoutingExplanation implements RoutingExplanationInterface
{
    /**
     * @param string $phone
     * @param string $route
     * @param string $reason
     * @param RoutingRuleRefInterface|null $rule
     * @param int $priority
     * @param string $message
     * @param string $order
     * @param bool $vip
     * @param string $lang
     * @param int|null $customerId
     * @param string $customerName
     * @param RoutingWhyInterface[] $why
     * @param RoutingCallerFactsInterface|null $facts
     */
    public function __construct(
        private string $phone,
        private string $route,
        private string $reason,
        private ?RoutingRuleRefInterface $rule,
        private int $priority,
        private string $message,
        private string $order,
        private bool $vip,
        private string $lang,
        private ?int $customerId,
        private string $customerName,
        private array $why,
        private ?RoutingCallerFactsInterface $facts
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getPhone(): string
    {
        return $this->phone;
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
    public function getReason(): string
    {
        return $this->reason;
    }

    /**
     * @inheritdoc
     */
    public function getRule(): ?RoutingRuleRefInterface
    {
        return $this->rule;
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
     * @inheritdoc
     */
    public function getOrder(): string
    {
        return $this->order;
    }

    /**
     * @inheritdoc
     */
    public function isVip(): bool
    {
        return $this->vip;
    }

    /**
     * @inheritdoc
     */
    public function getLang(): string
    {
        return $this->lang;
    }

    /**
     * @inheritdoc
     */
    public function getCustomerId(): ?int
    {
        return $this->customerId;
    }

    /**
     * @inheritdoc
     */
    public function getCustomerName(): string
    {
        return $this->customerName;
    }

    /**
     * @inheritdoc
     */
    public function getWhy(): array
    {
        return $this->why;
    }

    /**
     * @inheritdoc
     */
    public function getFacts(): ?RoutingCallerFactsInterface
    {
        return $this->facts;
    }

    /**
     * The webapi shape: snake_case keys, nested objects as arrays, optional nulls left out.
     *
     * @return array<string, mixed>
     */
    public function toArray(): array
    {
        $out = [];
        $out['phone'] = $this->phone;
        $out['route'] = $this->route;
        $out['reason'] = $this->reason;
        $out['rule'] = $this->rule === null ? null : $this->rule->toArray();
        $out['priority'] = $this->priority;
        $out['message'] = $this->message;
        $out['order'] = $this->order;
        $out['vip'] = $this->vip;
        $out['lang'] = $this->lang;
        $out['customer_id'] = $this->customerId;
        $out['customer_name'] = $this->customerName;
        $out['why'] = array_map(static fn ($item) => $item->toArray(), $this->why);
        $out['facts'] = $this->facts === null ? null : $this->facts->toArray();
        return $out;
    }
}
