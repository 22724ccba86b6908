<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Access;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Call\CallMapper;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Exception\AuthorizationException;

/**
 * Who may write the wrap-up (note, outcome, tags, follow-up) of a call: an agent the call record
 * names (its user id, or its extension when the record has no user id), or a user allowed to edit
 * any call. Writing never makes anyone the call's agent.
 *
 * The wrap-up panel opens as the call ends, often before the bridge's record reaches Magento: the
 * wrap-up is then kept on a pending row naming its writer, and kept when the record arrives only
 * if the record names that writer (else it is dropped and the record's agent owns the call). So a
 * note written on a guessed call id never takes the call from its agent.
 */
class CallParticipation
{
    /** Wrap-up columns a pending row may carry, cleared when the record names someone else. */
    private const PENDING_COLUMNS = [
        'note', 'outcome', 'tags', 'follow_up_at', 'wrapped_up_at', 'customer_id', 'agent_user_id', 'agent_extension',
    ];

    /**
     * @param ResourceConnection $resource
     * @param AgentProfile $agentProfile
     */
    public function __construct(private ResourceConnection $resource, private AgentProfile $agentProfile)
    {
    }

    /**
     * The extension set on an admin user, null when none.
     *
     * @param int $userId
     * @return string|null
     */
    public function extensionOf(int $userId): ?string
    {
        $connection = $this->resource->getConnection();
        $value = $connection->fetchOne(
            sprintf(
                'SELECT %s FROM %s WHERE user_id = ?',
                $connection->quoteIdentifier(AgentProfile::FIELD_EXTENSION),
                $connection->quoteIdentifier($this->resource->getTableName('admin_user'))
            ),
            [$userId]
        );
        return $this->agentProfile->normaliseExtension($value === false ? null : $value);
    }

    /**
     * Whether a bandeau_call row is a wrap-up waiting for the bridge's record (no numbers, no end).
     *
     * @param array<string, mixed> $row
     * @return bool
     */
    public function isPending(array $row): bool
    {
        return $row['from_number'] === null && $row['to_number'] === null && $row['ended_at'] === null
            && $row['linked_ids'] === null && $row['anonymised_at'] === null && $row['wrapped_up_at'] !== null;
    }

    /**
     * Refuses a wrap-up by an agent the call does not name (existing call or pending wrap-up).
     *
     * @param array<string, mixed>|null $row the call's bandeau_call row, null when not received yet
     * @param int $userId the writer
     * @param bool $mayEditAnyCall
     * @return void
     * @throws AuthorizationException
     */
    public function assertMayWrapUp(?array $row, int $userId, bool $mayEditAnyCall): void
    {
        if ($row === null) {
            return;
        }
        $pending = $this->isPending($row);
        if ($mayEditAnyCall && !$pending) {
            return;
        }
        $callUser = $row['agent_user_id'] === null ? null : (int)$row['agent_user_id'];
        $callExtension = $row['agent_extension'] === null ? null : (string)$row['agent_extension'];
        if ($this->isParty($callUser, $callExtension, $userId, $this->extensionOf($userId))) {
            return;
        }
        if ($pending) {
            // Another user's wrap-up waits for this call's record: the record decides who keeps it.
            throw new AuthorizationException(
                __('This call has not reached Magento yet. Save the wrap-up again in a moment.')
            );
        }
        throw new AuthorizationException(__('Only an agent who took part in this call can wrap it up.'));
    }

    /**
     * Before the bridge's record is stored: drops a pending wrap-up its writer was not party to.
     *
     * @param CallInterface $record
     * @return void
     */
    public function settle(CallInterface $record): void
    {
        $connection = $this->resource->getConnection();
        $table = $connection->quoteIdentifier($this->resource->getTableName(CallMapper::TABLE));
        $row = $connection->fetchRow(sprintf('SELECT * FROM %s WHERE call_id = ?', $table), [$record->getCallId()]);
        if (!is_array($row) || !$this->isPending($row)) {
            return;
        }
        $writer = $row['agent_user_id'] === null ? 0 : (int)$row['agent_user_id'];
        $writerExtension = $row['agent_extension'] === null ? null : (string)$row['agent_extension'];
        $named = $this->isParty(
            $record->getAgentUserId(),
            $record->getAgentExtension(),
            $writer,
            $writerExtension
        );
        if ($named) {
            return;
        }
        $sets = array_map(
            static fn (string $column): string => $connection->quoteIdentifier($column) . ' = NULL',
            self::PENDING_COLUMNS
        );
        $connection->query(sprintf('UPDATE %s SET %s WHERE call_id = ?', $table, implode(', ', $sets)), [
            $record->getCallId(),
        ]);
    }

    /**
     * Whether a call record names this agent: its user id, or its extension when it has no user id.
     *
     * @param int|null $callUserId agent_user_id of the call
     * @param string|null $callExtension agent_extension of the call
     * @param int $userId
     * @param string|null $extension
     * @return bool
     */
    public function isParty(?int $callUserId, ?string $callExtension, int $userId, ?string $extension): bool
    {
        if ($callUserId !== null) {
            return $userId > 0 && $callUserId === $userId;
        }
        return $extension !== null && $callExtension !== null && $callExtension === $extension;
    }
}
