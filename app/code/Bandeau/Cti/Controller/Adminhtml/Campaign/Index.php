<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Controller\Adminhtml\Campaign as CampaignPage;

/**
 * Marketing > Call Campaigns: the list of campaigns.
 */
class Index extends CampaignPage
{
    /**
     * The page title, "Call Campaigns".
     *
     * @return string
     */
    protected function title(): string
    {
        return (string)__('Call Campaigns');
    }
}
