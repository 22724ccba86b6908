<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api;

use Bandeau\Cti\Api\Data\CallInterface;

/**
 * What the bridge and the phone bar do to the call log.
 *
 * @api
 */
interface CallManagementInterface
{
    /**
     * Create-or-update by call_id, idempotent: the bridge may deliver the same record again.
     *
     * Unknown customer, order and agent ids are stored as null.
     *
     * @param \Bandeau\Cti\Api\Data\CallInterface $call
     * @return \Bandeau\Cti\Api\Data\CallInterface
     * @throws \Magento\Framework\Exception\InputException
     */
    public function upsert(CallInterface $call): CallInterface;

    /**
     * Saves an agent's wrap-up note on a call.
     *
     * The call row is created if the bridge has not delivered it yet.
     *
     * @param string $callId
     * @param string $note
     * @param int $agentUserId
     * @param bool $mayEditAnyCall true when the agent may write on other agents' calls
     * @param string|null $direction direction known to the phone bar, used if the call is new
     * @return \Bandeau\Cti\Api\Data\CallInterface
     * @throws \Magento\Framework\Exception\InputException
     * @throws \Magento\Framework\Exception\AuthorizationException
     */
    public function saveNote(
        string $callId,
        string $note,
        int $agentUserId,
        bool $mayEditAnyCall = false,
        ?string $direction = null
    ): CallInterface;
}
