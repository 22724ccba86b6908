<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing\Data;

use Bandeau\Cti\Api\Data\RoutingRuleRefInterface;

/**
 * Immutable RoutingRuleRefInterface; toArray() gives the shape Magento's webapi writes for it.
 */
class RoutingRuleRef implements RoutingRuleRefInterface
{
    /**
     * @param string $code
     * @param string $label
     */
    public function __construct(
        private string $code,
        private string $label
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
     * The webapi shape: snake_case keys, nested objects as arrays, optional nulls left out.
     *
     * @return array<string, mixed>
     */
    public function toArray(): array
    {
        $out = [];
        $out['code'] = $this->code;
        $out['label'] = $this->label;
        return $out;
    }
}
