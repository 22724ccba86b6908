<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Magento\Framework\Event;

/**
 * admin_system_config_changed_section_bandeau_routing: the rules or the VIP groups were saved;
 * the bridge fetches the rules again at once instead of at its next refresh.
 */
class RoutingRulesSaved extends RoutingCacheObserver
{
    /**
     * @inheritdoc
     */
    protected function changes(Event $event): array
    {
        return [[], true];
    }
}
