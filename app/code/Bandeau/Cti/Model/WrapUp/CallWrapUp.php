<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\WrapUp;

use Bandeau\Cti\Api\CallManagementInterface;
use Bandeau\Cti\Api\CallWrapUpInterface;
use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Api\Data\WrapUpInterface;
use Bandeau\Cti\Model\Access\CallParticipation;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Model\CallRepository;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Magento\Framework\App\ResourceConnection;

/**
 * Saves the agent's wrap-up on the call log row. The wrap-up columns are written by this service
 * only: the bridge's record (CallManagement::upsert) never carries them, so a record delivered
 * after the wrap-up leaves it alone, unless the wrap-up came first from an agent the record does
 * not name (CallParticipation).
 */
class CallWrapUp implements CallWrapUpInterface
{
    /**
     * @param WrapUpValidator $validator
     * @param CallRepository $repository
     * @param CallManagementInterface $callManagement
     * @param ResourceConnection $resource
     * @param ClockInterface $clock
     * @param WrapUpReader $reader
     * @param CallParticipation $participation
     */
    public function __construct(
        private WrapUpValidator $validator,
        private CallRepository $repository,
        private CallManagementInterface $callManagement,
        private ResourceConnection $resource,
        private ClockInterface $clock,
        private WrapUpReader $reader,
        private CallParticipation $participation
    ) {
    }

    /**
     * @inheritdoc
     */
    public function save(
        WrapUpInterface $wrapUp,
        int $agentUserId,
        bool $mayEditAnyCall = false,
        ?string $direction = null
    ): WrapUpInterface {
        $now = $this->clock->now();
        $valid = $this->validator->validate($wrapUp, $now);
        $callId = (string)$valid->getCallId();
        $existing = $this->repository->getRowByCallId($callId);
        $this->participation->assertMayWrapUp($existing, $agentUserId, $mayEditAnyCall);
        if ($existing === null) {
            // The wrap-up can come before the bridge's record: a pending row naming its writer, kept
            // by the record only if the record names the same agent (CallParticipation::settle).
            $this->callManagement->upsert(new Call([
                CallInterface::CALL_ID => $callId,
                CallInterface::DIRECTION => in_array($direction, CallInterface::DIRECTIONS, true)
                    ? $direction
                    : 'inbound',
                CallInterface::STARTED_AT => gmdate('Y-m-d\TH:i:s\Z', $now),
                CallInterface::AGENT_USER_ID => $agentUserId,
                CallInterface::AGENT_EXTENSION => $this->participation->extensionOf($agentUserId),
            ]));
        }
        $connection = $this->resource->getConnection();
        $customerId = $valid->getCustomerId();
        $customerTable = $connection->quoteIdentifier($this->resource->getTableName('customer_entity'));
        $known = $customerId !== null
            && $connection->fetchOne(sprintf('SELECT 1 FROM %s WHERE entity_id = ?', $customerTable), [$customerId]);
        if (!$known) {
            // Only a customer that exists is linked (the card may have been deleted since).
            $customerId = null;
        }
        $followUp = $valid->getFollowUpAt();
        $connection->query(
            sprintf(
                'UPDATE %s SET note = COALESCE(?, note), outcome = ?, tags = ?, follow_up_at = ?, wrapped_up_at = ?,'
                . ' customer_id = COALESCE(?, customer_id) WHERE call_id = ?',
                $connection->quoteIdentifier($this->resource->getTableName(CallMapper::TABLE))
            ),
            [
                $valid->getNote(),
                $valid->getOutcome(),
                $valid->getTags() === [] ? null : implode(WrapUpOptions::TAG_SEPARATOR, $valid->getTags()),
                $followUp === null ? null : gmdate('Y-m-d H:i:s', (int)strtotime($followUp)),
                gmdate('Y-m-d H:i:s', $now),
                $customerId,
                $callId,
            ]
        );
        return $this->reader->forCallIds([$callId])[$callId] ?? $valid;
    }
}
