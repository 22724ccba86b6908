<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Bandeau\Cti\Model\Clock\ClockInterface;

/**
 * "Next call" for the phone bar: claims the agent's next contact among the active campaigns
 * assigned to them that are inside their calling hours, and describes it (customer, number,
 * cart). Keys are camelCase (test/contract/campaign.next.response.json).
 */
class NextContact
{
    public const REASON_NO_CAMPAIGN = 'no_campaign';
    public const REASON_OUTSIDE_HOURS = 'outside_hours';
    public const REASON_EMPTY = 'empty';

    /**
     * @param Tables $tables
     * @param CampaignRepository $repository
     * @param CallingHours $hours
     * @param ContactClaimer $claimer
     * @param ClockInterface $clock
     * @param UtcTime $utcTime
     */
    public function __construct(
        private Tables $tables,
        private CampaignRepository $repository,
        private CallingHours $hours,
        private ContactClaimer $claimer,
        private ClockInterface $clock,
        private UtcTime $utcTime
    ) {
    }

    /**
     * The agent's next contact, claimed, or why there is none (no campaign, outside hours, none due).
     *
     * @param int $agentId
     * @return array
     */
    public function next(int $agentId): array
    {
        $now = $this->clock->now();
        $campaigns = $this->repository->activeForAgent($agentId);
        if ($campaigns === []) {
            return $this->none(self::REASON_NO_CAMPAIGN, (string)__('No active campaign is assigned to you.'));
        }
        $open = array_values(array_filter($campaigns, fn (Campaign $c): bool => $this->hours->isOpen($c, $now)));
        if ($open === []) {
            $first = $this->earliestOpening($campaigns, $now);
            $none = $this->none(self::REASON_OUTSIDE_HOURS, (string)$this->hours->refusal($first, $now));
            $opening = $this->hours->nextOpening($first, $now);
            $none['opensAt'] = $opening ? $opening->format(\DateTimeInterface::ATOM) : null;
            return $none;
        }
        $openIds = array_map(static fn (Campaign $c): int => (int)$c->id, $open);
        $contactId = $this->claimer->claim($agentId, $openIds, $now);
        if ($contactId === null) {
            return $this->none(self::REASON_EMPTY, (string)__('No contact is due right now in your campaigns.'));
        }
        return $this->describe($contactId, $open);
    }

    /**
     * The contact as the phone bar shows it: customer, number, cart items, attempts, last note.
     *
     * @param int $contactId
     * @param Campaign[] $campaigns
     */
    private function describe(int $contactId, array $campaigns): array
    {
        $connection = $this->tables->connection();
        $row = $connection->fetchRow(
            sprintf(
                'SELECT k.*, c.firstname, c.lastname, c.email FROM %s k INNER JOIN %s c ON c.entity_id = k.customer_id'
                . ' WHERE k.contact_id = ?',
                $this->tables->name(Tables::CONTACT),
                $this->tables->name('customer_entity')
            ),
            [$contactId]
        );
        $campaign = null;
        foreach ($campaigns as $candidate) {
            if ($candidate->id === (int)$row['campaign_id']) {
                $campaign = $candidate;
            }
        }
        $items = $connection->fetchAll(
            sprintf(
                'SELECT name, sku, qty, base_price, base_row_total FROM %s'
                . ' WHERE quote_id = ? AND parent_item_id IS NULL'
                . ' ORDER BY item_id',
                $this->tables->name('quote_item')
            ),
            [(int)$row['quote_id']]
        );
        return [
            'campaign' => [
                'id' => $campaign->id,
                'name' => $campaign->name,
                'powerDial' => $campaign->powerDial,
            ],
            'contact' => [
                'contactId' => (int)$row['contact_id'],
                'customerId' => (int)$row['customer_id'],
                'name' => trim($row['firstname'] . ' ' . $row['lastname']),
                'email' => $row['email'],
                'phone' => $row['phone_e164'],
                'cart' => [
                    'quoteId' => (int)$row['quote_id'],
                    'items' => array_map(static fn (array $item): array => [
                        'name' => (string)$item['name'],
                        'sku' => (string)$item['sku'],
                        'qty' => (float)$item['qty'],
                        'price' => round((float)$item['base_price'], 2),
                        'rowTotal' => round((float)$item['base_row_total'], 2),
                    ], $items),
                    'total' => round((float)$row['cart_total'], 2),
                    'currency' => $row['currency_code'],
                    'updatedAt' => $this->utcTime->iso($row['cart_updated_at']),
                ],
                'status' => $row['status'],
                'attempts' => (int)$row['attempts'],
                'maxAttempts' => $campaign->maxAttempts,
                'lastOutcome' => $row['last_outcome'],
                'lastNote' => $row['last_note'],
            ],
            'callbackAt' => $row['status'] === ContactStatus::CALLBACK
                ? $this->utcTime->iso($row['next_attempt_at'])
                : null,
            'claimExpiresAt' => $this->utcTime->iso($row['claim_expires_at']),
        ];
    }

    /**
     * The campaign whose calling hours open first.
     *
     * @param Campaign[] $campaigns
     * @param int $now
     */
    private function earliestOpening(array $campaigns, int $now): Campaign
    {
        $best = $campaigns[0];
        $bestTime = null;
        foreach ($campaigns as $campaign) {
            $opening = $this->hours->nextOpening($campaign, $now);
            if ($opening !== null && ($bestTime === null || $opening < $bestTime)) {
                [$best, $bestTime] = [$campaign, $opening];
            }
        }
        return $best;
    }

    /**
     * The answer when there is no contact to call.
     *
     * @param string $reason
     * @param string $message
     * @return array
     */
    private function none(string $reason, string $message): array
    {
        return ['contact' => null, 'reason' => $reason, 'message' => $message];
    }
}
