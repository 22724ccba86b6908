<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api;

use Bandeau\Cti\Api\Data\WrapUpInterface;

/**
 * A quick outcome on a call, for the bridge (desk phones' "Outcome" soft key): the agent's wrap-up
 * with its outcome only, under the same rules as the phone bar's (an agent wraps up their own
 * calls only).
 *
 * @api
 */
interface CallOutcomeInterface
{
    /**
     * Saves one of the configured outcomes on a call for an agent who took part in it.
     *
     * The call row is created if the bridge has not delivered it yet. The note, tags, follow-up
     * date and customer already saved on the call stay as they are; the outcome is replaced.
     *
     * @param string $callId the bridge's call id
     * @param string $outcome one of the configured outcomes, as configured
     * @param int $agentUserId the admin user whose phone asked
     * @return \Bandeau\Cti\Api\Data\WrapUpInterface the wrap-up as stored
     * @throws \Magento\Framework\Exception\InputException an outcome that is not configured, an unknown agent
     * @throws \Magento\Framework\Exception\AuthorizationException the agent did not take part in the call
     */
    public function save(string $callId, string $outcome, int $agentUserId): WrapUpInterface;

    /**
     * The outcomes agents choose from (Stores > Configuration > Bandeau CTI > Wrap-up), in order.
     *
     * @return string[]
     */
    public function getOutcomes(): array;
}
