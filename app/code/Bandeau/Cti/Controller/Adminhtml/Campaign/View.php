<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Controller\Adminhtml\Campaign as CampaignPage;

/**
 * One campaign: build progress, results and chart (bandeau/campaign/view/id/N).
 */
class View extends CampaignPage
{
    /**
     * The page title, "Call Campaign".
     *
     * @return string
     */
    protected function title(): string
    {
        return (string)__('Call Campaign');
    }
}
