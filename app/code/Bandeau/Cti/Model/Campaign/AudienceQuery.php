<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Bandeau\Cti\Api\Data\CallerMatchInterface;

/**
 * The SQL that picks a campaign's contacts from Magento's abandoned carts.
 *
 * Candidates are carts as the core abandoned-carts report sees them (is_active = 1,
 * items_count > 0, customer_id set) last updated within the age window, worth at least the
 * minimum value, in the chosen stores. The audience is the candidates of customers in the chosen
 * groups who did not order after the cart was last updated, have a number in the E.164 phone
 * index and did not opt out; one contact per customer.
 */
class AudienceQuery
{
    /**
     * @param Tables $tables
     */
    public function __construct(private Tables $tables)
    {
    }

    /**
     * Candidate carts (before exclusions): the build's progress total.
     *
     * @param AudienceFilter $filter
     * @param int $referenceTime
     */
    public function countCandidates(AudienceFilter $filter, int $referenceTime): int
    {
        [$where, $bind] = $this->candidateConditions($filter, $referenceTime);
        return (int)$this->tables->connection()->fetchOne(
            sprintf('SELECT COUNT(*) FROM %s q WHERE %s', $this->tables->name('quote'), $where),
            $bind
        );
    }

    /**
     * Customers the campaign would call (the preview).
     *
     * @param AudienceFilter $filter
     * @param int $referenceTime
     */
    public function countAudience(AudienceFilter $filter, int $referenceTime): int
    {
        [$from, $bind] = $this->audienceFrom($filter, $referenceTime);
        return (int)$this->tables->connection()->fetchOne('SELECT COUNT(DISTINCT q.customer_id) ' . $from, $bind);
    }

    /**
     * The next slice of candidate carts after $afterQuoteId (keyset on quote id). The primary
     * key is forced: left alone, the optimiser reads the whole window through
     * QUOTE_CUSTOMER_ID_STORE_ID_IS_ACTIVE and sorts it for every slice.
     *
     * @param AudienceFilter $filter
     * @param int $referenceTime
     * @param int $afterQuoteId
     * @param int $size
     * @return array{lastQuoteId: int, count: int}|null null when none is left
     */
    public function nextSlice(AudienceFilter $filter, int $referenceTime, int $afterQuoteId, int $size): ?array
    {
        [$where, $bind] = $this->candidateConditions($filter, $referenceTime);
        $row = $this->tables->connection()->fetchRow(
            sprintf(
                'SELECT MAX(s.entity_id) AS last_id, COUNT(*) AS n FROM ('
                . 'SELECT q.entity_id FROM %s q FORCE INDEX (PRIMARY) WHERE q.entity_id > ? AND %s'
                . ' ORDER BY q.entity_id LIMIT %d) s',
                $this->tables->name('quote'),
                $where,
                max(1, $size)
            ),
            array_merge([$afterQuoteId], $bind)
        );
        if (!$row || (int)$row['n'] === 0) {
            return null;
        }
        return ['lastQuoteId' => (int)$row['last_id'], 'count' => (int)$row['n']];
    }

    /**
     * Adds the audience of quotes in ]$afterQuoteId, $uptoQuoteId] to the campaign (INSERT … SELECT).
     *
     * A customer already in the campaign keeps their first contact.
     *
     * @param int $campaignId
     * @param AudienceFilter $filter
     * @param int $referenceTime
     * @param int $afterQuoteId
     * @param int $uptoQuoteId
     * @return int contacts added
     */
    public function insertSlice(
        int $campaignId,
        AudienceFilter $filter,
        int $referenceTime,
        int $afterQuoteId,
        int $uptoQuoteId
    ): int {
        [$from, $bind] = $this->audienceFrom($filter, $referenceTime);
        $sql = sprintf(
            'INSERT INTO %1$s (campaign_id, quote_id, customer_id, phone_e164, cart_total, currency_code,'
            . ' cart_updated_at, status)'
            . ' SELECT ?, q.entity_id, q.customer_id, %2$s, COALESCE(q.base_grand_total, 0),'
            . ' LEFT(q.base_currency_code, 3), q.updated_at, ?'
            . ' %3$s AND q.entity_id > ? AND q.entity_id <= ? ORDER BY q.entity_id'
            . ' ON DUPLICATE KEY UPDATE quote_id = %1$s.quote_id',
            $this->tables->name(Tables::CONTACT),
            $this->phoneExpression(),
            $from
        );
        $statement = $this->tables->connection()->query(
            $sql,
            array_merge([$campaignId, ContactStatus::NEW], $bind, [$afterQuoteId, $uptoQuoteId])
        );
        return (int)$statement->rowCount();
    }

    /**
     * The SQL expression of the number to call.
     *
     * The default billing address first, then any address of the customer, then order or cart
     * addresses, most recently indexed first.
     *
     * @return string
     */
    private function phoneExpression(): string
    {
        return sprintf(
            '(SELECT p.phone_e164 FROM %s p WHERE p.customer_id = q.customer_id'
            . ' ORDER BY (p.source = \'%2$s\' AND p.source_id = c.default_billing) DESC,'
            . ' (p.source = \'%2$s\') DESC, p.updated_at DESC, p.index_id DESC LIMIT 1)',
            $this->tables->name('bandeau_phone_index'),
            CallerMatchInterface::SOURCE_CUSTOMER_ADDRESS
        );
    }

    /**
     * The FROM … WHERE of the audience: candidates minus buyers, numberless and opted-out customers.
     *
     * @param AudienceFilter $filter
     * @param int $referenceTime
     * @return array{0: string, 1: array} "FROM … WHERE …" of the audience and its bound values
     */
    private function audienceFrom(AudienceFilter $filter, int $referenceTime): array
    {
        [$where, $bind] = $this->candidateConditions($filter, $referenceTime);
        $sql = sprintf(
            'FROM %s q INNER JOIN %s c ON c.entity_id = q.customer_id WHERE %s'
            . ' AND NOT EXISTS (SELECT 1 FROM %s o WHERE o.customer_id = q.customer_id AND o.created_at > q.updated_at)'
            . ' AND NOT EXISTS (SELECT 1 FROM %s x WHERE x.customer_id = q.customer_id)'
            . ' AND EXISTS (SELECT 1 FROM %s p WHERE p.customer_id = q.customer_id)',
            $this->tables->name('quote'),
            $this->tables->name('customer_entity'),
            $where,
            $this->tables->name('sales_order'),
            $this->tables->name(Tables::OPTOUT),
            $this->tables->name('bandeau_phone_index')
        );
        if ($filter->customerGroupIds !== []) {
            $sql .= ' AND c.group_id IN (' . $this->tables->placeholders($filter->customerGroupIds) . ')';
            $bind = array_merge($bind, $filter->customerGroupIds);
        }
        return [$sql, $bind];
    }

    /**
     * The conditions on the carts alone: active, not empty, in the age window, store and value.
     *
     * @param AudienceFilter $filter
     * @param int $referenceTime
     * @return array{0: string, 1: array} conditions on the quote alone (alias q)
     */
    private function candidateConditions(AudienceFilter $filter, int $referenceTime): array
    {
        [$from, $to] = $filter->window($referenceTime);
        $where = 'q.is_active = 1 AND q.items_count > 0 AND q.customer_id IS NOT NULL'
            . ' AND q.updated_at >= ? AND q.updated_at <= ? AND q.base_grand_total >= ?';
        $bind = [$from, $to, $filter->minValue];
        if ($filter->storeIds !== []) {
            $where .= ' AND q.store_id IN (' . $this->tables->placeholders($filter->storeIds) . ')';
            $bind = array_merge($bind, $filter->storeIds);
        }
        return [$where, $bind];
    }
}
