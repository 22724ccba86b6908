<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * What each agent did with a campaign contact, one row per action (bandeau_campaign_event):
 * an outcome recorded after a call, a skip or a snooze with its reason. The contact row keeps
 * only the latest state; these rows give an agent's day (AgentDay) and why contacts moved.
 */
class ContactEvents
{
    public const TYPE_OUTCOME = 'outcome';
    public const TYPE_SKIP = 'skip';
    public const TYPE_SNOOZE = 'snooze';

    /**
     * @param Tables $tables
     * @param UtcTime $utcTime
     */
    public function __construct(private Tables $tables, private UtcTime $utcTime)
    {
    }

    /**
     * Records one action on a contact (inside the caller's transaction, if any).
     *
     * @param int $campaignId
     * @param int $contactId
     * @param int $agentId
     * @param string $type TYPE_OUTCOME, TYPE_SKIP or TYPE_SNOOZE
     * @param int $now
     * @param string|null $outcome
     * @param string|null $reason
     * @param string|null $callId
     * @param int|null $until
     */
    public function add(
        int $campaignId,
        int $contactId,
        int $agentId,
        string $type,
        int $now,
        ?string $outcome = null,
        ?string $reason = null,
        ?string $callId = null,
        ?int $until = null
    ): void {
        $this->tables->connection()->query(
            sprintf(
                'INSERT INTO %s (campaign_id, contact_id, agent_id, type, outcome, reason, call_id, until_at,'
                . ' created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                $this->tables->name(Tables::EVENT)
            ),
            [
                $campaignId, $contactId, $agentId, $type, $outcome, $reason, $callId,
                $until === null ? null : $this->utcTime->db($until), $this->utcTime->db($now),
            ]
        );
    }
}
