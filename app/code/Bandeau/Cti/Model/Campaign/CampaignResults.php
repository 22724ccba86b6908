<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * Figures of one campaign: contacts, calls, reach rate, conversions (orders the contacted
 * customers placed within the campaign's conversion window after their first call) and revenue.
 */
class CampaignResults
{
    /**
     * @param Tables $tables
     */
    public function __construct(private Tables $tables)
    {
    }

    /**
     * The campaign's figures: contacts, attempts, reach and conversions (orders after the call), outcomes.
     *
     * @param Campaign $campaign
     * @return array{contacts: int, pending: int, attempts: int, contacted: int, reached: int,
     *     reachRate: float, conversions: int, conversionRate: float, revenue: float,
     *     outcomes: array<string, int>}
     */
    public function summary(Campaign $campaign): array
    {
        $connection = $this->tables->connection();
        $contacts = $this->tables->name(Tables::CONTACT);
        $totals = $connection->fetchRow(
            sprintf(
                'SELECT COUNT(*) AS contacts, COALESCE(SUM(status <> ?), 0) AS pending,'
                . ' COALESCE(SUM(attempts), 0) AS attempts, COUNT(first_contacted_at) AS contacted,'
                . ' COUNT(reached_at) AS reached FROM %s WHERE campaign_id = ?',
                $contacts
            ),
            [ContactStatus::DONE, $campaign->id]
        );
        $conversions = $this->conversions($campaign);
        $outcomeRows = $connection->fetchAll(
            sprintf(
                'SELECT last_outcome, COUNT(*) AS n FROM %s WHERE campaign_id = ? AND last_outcome IS NOT NULL'
                . ' GROUP BY last_outcome ORDER BY last_outcome',
                $contacts
            ),
            [$campaign->id]
        );
        $outcomes = [];
        foreach ($outcomeRows as $row) {
            $outcomes[(string)$row['last_outcome']] = (int)$row['n'];
        }
        $contacted = (int)$totals['contacted'];
        $converted = $conversions['conversions'];
        return [
            'contacts' => (int)$totals['contacts'],
            'pending' => (int)$totals['pending'],
            'attempts' => (int)$totals['attempts'],
            'contacted' => $contacted,
            'reached' => (int)$totals['reached'],
            'reachRate' => $contacted > 0 ? round((int)$totals['reached'] / $contacted, 4) : 0.0,
            'conversions' => $converted,
            'conversionRate' => $contacted > 0 ? round($converted / $contacted, 4) : 0.0,
            'revenue' => $conversions['revenue'],
            'outcomes' => $outcomes,
        ];
    }

    /**
     * Contacts who ordered within the conversion window after their first call, and that revenue.
     *
     * An order counts when the contacted customer placed it (not canceled) at or after the contact's
     * first call and less than the campaign's conversion_days later. With $agentId, only the contacts
     * this agent recorded an outcome for (the agent's own results on the phone bar's "My day").
     *
     * @param Campaign $campaign
     * @param int|null $agentId
     * @return array{conversions: int, revenue: float}
     */
    public function conversions(Campaign $campaign, ?int $agentId = null): array
    {
        $bind = [$campaign->conversionDays, 'canceled', $campaign->id];
        $own = '';
        if ($agentId !== null) {
            $own = sprintf(
                ' AND k.contact_id IN (SELECT e.contact_id FROM %s e WHERE e.campaign_id = k.campaign_id'
                . ' AND e.agent_id = ? AND e.type = ?)',
                $this->tables->name(Tables::EVENT)
            );
            array_push($bind, $agentId, ContactEvents::TYPE_OUTCOME);
        }
        $row = $this->tables->connection()->fetchRow(
            sprintf(
                'SELECT COUNT(DISTINCT k.contact_id) AS conversions, COALESCE(SUM(o.base_grand_total), 0) AS revenue'
                . ' FROM %s k INNER JOIN %s o ON o.customer_id = k.customer_id'
                . ' AND o.created_at >= k.first_contacted_at'
                . ' AND o.created_at < DATE_ADD(k.first_contacted_at, INTERVAL ? DAY)'
                . ' AND (o.state IS NULL OR o.state <> ?)'
                . ' WHERE k.campaign_id = ? AND k.first_contacted_at IS NOT NULL%s',
                $this->tables->name(Tables::CONTACT),
                $this->tables->name('sales_order'),
                $own
            ),
            $bind
        );
        return ['conversions' => (int)$row['conversions'], 'revenue' => round((float)$row['revenue'], 2)];
    }
}
