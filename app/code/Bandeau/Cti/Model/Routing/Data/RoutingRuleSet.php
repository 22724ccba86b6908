<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing\Data;

use Bandeau\Cti\Api\Data\RoutingFallbackInterface;
use Bandeau\Cti\Api\Data\RoutingRuleInterface;
use Bandeau\Cti\Api\Data\RoutingRuleSetInterface;

/**
 * Immutable RoutingRuleSetInterface; toArray() gives the shape Magento's webapi writes for it.
 */
class RoutingRuleSet implements RoutingRuleSetInterface
{
    /**
     * @param string $version
     * @param int[] $vipGroupIds
     * @param RoutingRuleInterface[] $rules
     * @param RoutingFallbackInterface $fallback
     */
    public function __construct(
        private string $version,
        private array $vipGroupIds,
        private array $rules,
        private RoutingFallbackInterface $fallback
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getVersion(): string
    {
        return $this->version;
    }

    /**
     * @inheritdoc
     */
    public function getVipGroupIds(): array
    {
        return $this->vipGroupIds;
    }

    /**
     * @inheritdoc
     */
    public function getRules(): array
    {
        return $this->rules;
    }

    /**
     * @inheritdoc
     */
    public function getFallback(): RoutingFallbackInterface
    {
        return $this->fallback;
    }

    /**
     * The webapi shape: snake_case keys, nested objects as arrays, optional nulls left out.
     *
     * @return array<string, mixed>
     */
    public function toArray(): array
    {
        $out = [];
        $out['version'] = $this->version;
        $out['vip_group_ids'] = $this->vipGroupIds;
        $out['rules'] = array_map(static fn ($item) => $item->toArray(), $this->rules);
        $out['fallback'] = $this->fallback->toArray();
        return $out;
    }
}
