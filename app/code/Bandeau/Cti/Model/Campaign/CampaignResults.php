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
        $conversions = $connection->fetchRow(
            sprintf(
                'SELECT COUNT(DISTINCT k.contact_id) AS conversions, COALESCE(SUM(o.base_grand_total), 0) AS revenue'
                . ' FROM %s k INNER JOIN %s o ON o.customer_id = k.customer_id'
                . ' AND o.created_at >= k.first_contacted_at'
                . ' AND o.created_at < DATE_ADD(k.first_contacted_at, INTERVAL ? DAY)'
                . ' AND (o.state IS NULL OR o.state <> ?)'
                . ' WHERE k.campaign_id = ? AND k.first_contacted_at IS NOT NULL',
                $contacts,
                $this->tables->name('sales_order')
            ),
            [$campaign->conversionDays, 'canceled', $campaign->id]
        );
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
        $converted = (int)$conversions['conversions'];
        return [
            'contacts' => (int)$totals['contacts'],
            'pending' => (int)$totals['pending'],
            'attempts' => (int)$totals['attempts'],
            'contacted' => $contacted,
            'reached' => (int)$totals['reached'],
            'reachRate' => $contacted > 0 ? round((int)$totals['reached'] / $contacted, 4) : 0.0,
            'conversions' => $converted,
            'conversionRate' => $contacted > 0 ? round($converted / $contacted, 4) : 0.0,
            'revenue' => round((float)$conversions['revenue'], 2),
            'outcomes' => $outcomes,
        ];
    }
}
