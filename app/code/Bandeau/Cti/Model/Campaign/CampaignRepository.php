<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Magento\Framework\Exception\NoSuchEntityException;

/**
 * Campaigns and their agents in bandeau_campaign / bandeau_campaign_agent.
 */
class CampaignRepository
{
    /**
     * @param Tables $tables
     * @param IdList $idList
     */
    public function __construct(private Tables $tables, private IdList $idList)
    {
    }

    /**
     * Stores a new campaign with its agents and returns its id.
     *
     * @param Campaign $campaign
     * @param int[] $agentIds admin user ids
     */
    public function create(Campaign $campaign, array $agentIds): int
    {
        $connection = $this->tables->connection();
        $row = $campaign->toRow();
        $connection->beginTransaction();
        try {
            $connection->query(
                sprintf(
                    'INSERT INTO %s (%s) VALUES (%s)',
                    $this->tables->name(Tables::CAMPAIGN),
                    implode(', ', array_map([$connection, 'quoteIdentifier'], array_keys($row))),
                    $this->tables->placeholders($row)
                ),
                array_values($row)
            );
            $id = (int)$connection->lastInsertId($this->tables->rawName(Tables::CAMPAIGN));
            $this->assignAgents($id, $agentIds);
            $connection->commit();
        } catch (\Throwable $e) {
            $connection->rollBack();
            throw $e;
        }
        return $id;
    }

    /**
     * Sets the agents of a campaign.
     *
     * @param int $campaignId
     * @param int[] $agentIds replaces the campaign's agents
     */
    public function assignAgents(int $campaignId, array $agentIds): void
    {
        $connection = $this->tables->connection();
        $connection->query(
            sprintf('DELETE FROM %s WHERE campaign_id = ?', $this->tables->name(Tables::AGENT)),
            [$campaignId]
        );
        $rows = array_map(
            static fn (int $userId): array => ['campaign_id' => $campaignId, 'user_id' => $userId],
            array_values(array_unique($agentIds))
        );
        if ($rows !== []) {
            $connection->insertOnDuplicate($this->tables->rawName(Tables::AGENT), $rows, ['user_id']);
        }
    }

    /**
     * The campaign with this id.
     *
     * @param int $campaignId
     * @return Campaign
     */
    public function get(int $campaignId): Campaign
    {
        $row = $this->tables->connection()->fetchRow(
            sprintf('SELECT * FROM %s WHERE campaign_id = ?', $this->tables->name(Tables::CAMPAIGN)),
            [$campaignId]
        );
        if (!$row) {
            throw new NoSuchEntityException(__('Campaign %1 does not exist.', $campaignId));
        }
        return $this->fromRow($row);
    }

    /**
     * Every campaign, newest first, with its contact counts.
     *
     * @param int $limit
     * @return array<int, array{campaign: Campaign, contacts: int, pending: int}>
     */
    public function getList(int $limit = 200): array
    {
        $rows = $this->tables->connection()->fetchAll(
            sprintf(
                'SELECT k.*, (SELECT COUNT(*) FROM %2$s c WHERE c.campaign_id = k.campaign_id) AS contacts,'
                . ' (SELECT COUNT(*) FROM %2$s c WHERE c.campaign_id = k.campaign_id AND c.status <> ?) AS pending'
                . ' FROM %1$s k ORDER BY k.campaign_id DESC LIMIT %3$d',
                $this->tables->name(Tables::CAMPAIGN),
                $this->tables->name(Tables::CONTACT),
                max(1, $limit)
            ),
            [ContactStatus::DONE]
        );
        return array_map(fn (array $row): array => [
            'campaign' => $this->fromRow($row),
            'contacts' => (int)$row['contacts'],
            'pending' => (int)$row['pending'],
        ], $rows);
    }

    /**
     * Changes a campaign's status (and its build time when given).
     *
     * @param int $campaignId
     * @param string $status
     * @param string|null $builtAt
     */
    public function setStatus(int $campaignId, string $status, ?string $builtAt = null): void
    {
        if (!in_array($status, Campaign::STATUSES, true)) {
            throw new \InvalidArgumentException('Unknown campaign status ' . $status);
        }
        $this->tables->connection()->query(
            sprintf(
                'UPDATE %s SET status = ?, built_at = COALESCE(?, built_at) WHERE campaign_id = ?',
                $this->tables->name(Tables::CAMPAIGN)
            ),
            [$status, $builtAt, $campaignId]
        );
    }

    /**
     * The admin users assigned to a campaign.
     *
     * @param int $campaignId
     * @return int[]
     */
    public function agentIds(int $campaignId): array
    {
        return array_map('intval', $this->tables->connection()->fetchCol(
            sprintf(
                'SELECT user_id FROM %s WHERE campaign_id = ? ORDER BY user_id',
                $this->tables->name(Tables::AGENT)
            ),
            [$campaignId]
        ));
    }

    /**
     * Active campaigns the agent is assigned to, oldest first.
     *
     * @param int $userId
     * @return Campaign[]
     */
    public function activeForAgent(int $userId): array
    {
        $rows = $this->tables->connection()->fetchAll(
            sprintf(
                'SELECT k.* FROM %s k INNER JOIN %s a ON a.campaign_id = k.campaign_id AND a.user_id = ?'
                . ' WHERE k.status = ? ORDER BY k.campaign_id',
                $this->tables->name(Tables::CAMPAIGN),
                $this->tables->name(Tables::AGENT)
            ),
            [$userId, Campaign::STATUS_ACTIVE]
        );
        return array_map(fn (array $row): Campaign => $this->fromRow($row), $rows);
    }

    /**
     * A campaign from its bandeau_campaign row.
     *
     * The row holds the columns Campaign::toRow() writes, and the id, status and build time.
     *
     * @param array $row
     * @return Campaign
     */
    private function fromRow(array $row): Campaign
    {
        return new Campaign(
            (int)$row['campaign_id'],
            (string)$row['name'],
            new AudienceFilter(
                (int)$row['min_age_hours'],
                (int)$row['max_age_hours'],
                (float)$row['min_value'],
                $this->idList->parse($row['customer_group_ids'] ?? null),
                $this->idList->parse($row['store_ids'] ?? null)
            ),
            (string)$row['audience_at'],
            (string)$row['timezone'],
            (string)$row['hours_start'],
            (string)$row['hours_end'],
            $this->idList->parse($row['weekdays']),
            (int)$row['max_attempts'],
            (int)$row['retry_delay_minutes'],
            (bool)(int)$row['power_dial'],
            (int)$row['conversion_days'],
            (string)$row['status'],
            isset($row['created_by']) ? (int)$row['created_by'] : null,
            $row['built_at'] ?? null
        );
    }
}
