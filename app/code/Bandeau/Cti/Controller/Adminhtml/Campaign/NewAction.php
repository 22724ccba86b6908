<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Controller\Adminhtml\Campaign as CampaignPage;

/**
 * The "New campaign" form (bandeau/campaign/new).
 */
class NewAction extends CampaignPage
{
    /**
     * The page title, "New Call Campaign".
     *
     * @return string
     */
    protected function title(): string
    {
        return (string)__('New Call Campaign');
    }
}
