<?php

declare(strict_types=1);

namespace Magento\Csp\Api;

use Magento\Csp\Api\Data\PolicyInterface;

interface PolicyCollectorInterface
{
    /**
     * @param PolicyInterface[] $defaultPolicies
     * @return PolicyInterface[]
     */
    public function collect(array $defaultPolicies = []): array;
}
