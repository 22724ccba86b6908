<?php

declare(strict_types=1);

namespace Magento\Customer\Model\Customer\Attribute\Source;

use Magento\Framework\Data\OptionSourceInterface;

/**
 * Stand-in for Magento's customer groups option source without NOT LOGGED IN.
 */
interface GroupSourceLoggedInOnlyInterface extends OptionSourceInterface
{
}
