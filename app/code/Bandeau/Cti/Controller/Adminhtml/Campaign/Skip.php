<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Controller\Adminhtml\CampaignDeferral;

/**
 * POST bandeau/campaign/skip (form_key, contactId, reason[, dayStart]): the agent passes on the
 * contact they hold, which goes to the back of the queue. Answers {contactId, status,
 * nextAttemptAt, today}.
 */
class Skip extends CampaignDeferral
{
    /**
     * @inheritdoc
     */
    protected function defer(int $agentId, int $contactId, int $now): array
    {
        return $this->deferral->skip($agentId, $contactId, (string)$this->getRequest()->getParam('reason'), $now);
    }
}
