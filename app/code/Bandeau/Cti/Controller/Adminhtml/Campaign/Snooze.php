<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Controller\Adminhtml\CampaignDeferral;

/**
 * POST bandeau/campaign/snooze (form_key, contactId, reason, until[, dayStart]): the agent puts the
 * contact they hold aside until `until` (ISO-8601 with offset). Answers {contactId, status,
 * nextAttemptAt, today}.
 */
class Snooze extends CampaignDeferral
{
    /**
     * @inheritdoc
     */
    protected function defer(int $agentId, int $contactId, int $now): array
    {
        $request = $this->getRequest();
        $until = $request->getParam('until');
        return $this->deferral->snooze(
            $agentId,
            $contactId,
            (string)$request->getParam('reason'),
            is_string($until) ? $until : null,
            $now
        );
    }
}
