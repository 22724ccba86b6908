<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api;

use Bandeau\Cti\Api\Data\WrapUpInterface;

/**
 * The agent's wrap-up of a call, saved on the call log.
 *
 * @api
 */
interface CallWrapUpInterface
{
    /**
     * Checks the wrap-up against the configured lists and saves it on the call.
     *
     * The call row is created if the bridge has not delivered it yet. An empty note keeps the note
     * already saved; the outcome, tags and follow-up date are replaced.
     *
     * @param \Bandeau\Cti\Api\Data\WrapUpInterface $wrapUp
     * @param int $agentUserId
     * @param bool $mayEditAnyCall true when the agent may write on other agents' calls
     * @param string|null $direction direction known to the phone bar, used if the call is new
     * @return \Bandeau\Cti\Api\Data\WrapUpInterface the wrap-up as stored
     * @throws \Magento\Framework\Exception\InputException
     * @throws \Magento\Framework\Exception\AuthorizationException
     */
    public function save(
        WrapUpInterface $wrapUp,
        int $agentUserId,
        bool $mayEditAnyCall = false,
        ?string $direction = null
    ): WrapUpInterface;
}
