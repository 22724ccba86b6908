<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Bandeau\Cti\Api\CallManagementInterface;
use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Access\CallParticipation;
use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Model\Call\CallValidator;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Exception\InputException;

class CallManagement implements CallManagementInterface
{
    /** Reference field => [table, primary key]. */
    private const REFERENCES = [
        CallInterface::CUSTOMER_ID => ['customer_entity', 'entity_id'],
        CallInterface::ORDER_ID => ['sales_order', 'entity_id'],
        CallInterface::AGENT_USER_ID => ['admin_user', 'user_id'],
    ];

    /**
     * @param CallRepository $repository
     * @param CallValidator $validator
     * @param ResourceConnection $resource
     * @param ClockInterface $clock
     * @param CallMapper $mapper
     * @param CallParticipation $participation
     */
    public function __construct(
        private CallRepository $repository,
        private CallValidator $validator,
        private ResourceConnection $resource,
        private ClockInterface $clock,
        private CallMapper $mapper,
        private CallParticipation $participation
    ) {
    }

    /**
     * Stores a call from the bridge, dropping links to customers, orders and users that do not exist.
     *
     * @param CallInterface $call
     * @return CallInterface
     */
    public function upsert(CallInterface $call): CallInterface
    {
        $valid = $this->validator->validate($call);
        $connection = $this->resource->getConnection();
        foreach (self::REFERENCES as $field => [$table, $key]) {
            $getter = 'get' . str_replace('_', '', ucwords($field, '_'));
            $id = $valid->{$getter}();
            if ($id === null) {
                continue;
            }
            $exists = $connection->fetchOne(
                sprintf(
                    'SELECT 1 FROM %s WHERE %s = ?',
                    $connection->quoteIdentifier($this->resource->getTableName($table)),
                    $connection->quoteIdentifier($key)
                ),
                [$id]
            );
            if (!$exists) {
                $setter = 'set' . str_replace('_', '', ucwords($field, '_'));
                $valid->{$setter}(null);
            }
        }
        $this->participation->settle($valid);
        return $this->repository->save($valid);
    }

    /**
     * Saves an agent's note on a call (creating a stub when the bridge has not sent it yet).
     *
     * @param string $callId
     * @param string $note
     * @param int $agentUserId
     * @param bool $mayEditAnyCall
     * @param string|null $direction
     * @return CallInterface
     */
    public function saveNote(
        string $callId,
        string $note,
        int $agentUserId,
        bool $mayEditAnyCall = false,
        ?string $direction = null
    ): CallInterface {
        $callId = trim($callId);
        if ($callId === '') {
            throw new InputException(__('"%1" is required.', CallInterface::CALL_ID));
        }
        $existing = $this->repository->getRowByCallId($callId);
        $this->participation->assertMayWrapUp($existing, $agentUserId, $mayEditAnyCall);
        $call = new Call([
            CallInterface::CALL_ID => $callId,
            CallInterface::NOTE => $note,
        ]);
        if ($existing === null) {
            $call->setDirection(in_array($direction, CallInterface::DIRECTIONS, true) ? $direction : 'inbound');
            $call->setStartedAt(gmdate('Y-m-d\TH:i:s\Z', $this->clock->now()));
            $call->setAgentUserId($agentUserId);
            $call->setAgentExtension($this->participation->extensionOf($agentUserId));
            $saved = $this->upsert($call);
            $this->markWrappedUp($callId);
            return $saved;
        }
        // A note never makes the writer the call's agent; the record is not re-checked (repository).
        $call->setDirection((string)$existing['direction']);
        $call->setStartedAt($this->mapper->dbToIso((string)$existing['started_at']));
        $saved = $this->repository->save($call);
        $this->markWrappedUp($callId);
        return $saved;
    }

    /**
     * Stamps the wrap-up time, which marks a row saved before the record as a pending wrap-up.
     *
     * @param string $callId
     * @return void
     */
    private function markWrappedUp(string $callId): void
    {
        $connection = $this->resource->getConnection();
        $connection->query(
            sprintf(
                'UPDATE %s SET wrapped_up_at = ? WHERE call_id = ?',
                $connection->quoteIdentifier($this->resource->getTableName(CallMapper::TABLE))
            ),
            [gmdate('Y-m-d H:i:s', $this->clock->now()), $callId]
        );
    }
}
