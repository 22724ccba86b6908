<?php

declare(strict_types=1);

namespace Magento\Csp\Model\Policy;

use Magento\Csp\Api\Data\PolicyInterface;

interface SimplePolicyInterface extends PolicyInterface
{
}
