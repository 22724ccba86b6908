<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

/**
 * A call centre's four weeks for the analytics page of test/php/bin/analytics-site.php, written
 * into the RAW tables (bandeau_call, sales_order, campaigns and their contacts) from a fixed seed:
 * the aggregates are then built by the module's Rebuilder, and the e2e test checks the page against
 * SQL over these raw rows.
 *
 * Four weeks of the reporting zone (Europe/Paris) around its spring DST change (Sunday 29 March
 * 2026): more calls on weekdays and at office hours, every direction and disposition, calls still
 * ringing (no disposition), queues and routes, transfers to another agent and outside, two stores,
 * calls spanning local midnight, unknown numbers calling again and again, orders placed within and
 * beyond the sale window after answered calls (some canceled), and two outbound campaigns whose
 * contacts are partly called (the rest is the hold-out group).
 */
final class AnalyticsSiteData
{
    public const ZONE = 'Europe/Paris';
    public const FIRST_DAY = '2026-03-16';
    public const DAYS = 28;
    /** Noon UTC on the last day: the page's default range (the last 30 local days) holds all four weeks. */
    public const NOW = 1776009600; // 2026-04-12 16:00:00 UTC
    /** Agents: user id => [first name, last name, extension]. */
    public const AGENTS = [
        1 => ['Ann', 'Martin', '1001'],
        2 => ['Bruno', 'Durand', '1002'],
        3 => ['Chloé', 'Petit <b>', '1003'],
    ];
    private const CUSTOMERS = 40;
    private const UNKNOWN_NUMBERS = ['+33140000001', '+33140000002', '+33140000003', '+33140000004', '+33140000005',
        '+33611000006', '+33611000007', '+442071230008'];

    private int $calls = 0;
    private int $orders = 0;

    public function __construct(private PdoAdapter $db, private int $seed = 16)
    {
    }

    /**
     * Writes everything; the call ids written.
     *
     * @return int[]
     */
    public function write(int $calls = 1500): array
    {
        mt_srand($this->seed);
        $fx = new CampaignFixtures($this->db);
        $fx->basics();
        foreach (self::AGENTS as $id => [$first, $last, $extension]) {
            $this->insert('admin_user', [
                'user_id' => $id, 'username' => strtolower($first), 'firstname' => $first, 'lastname' => $last,
                'is_active' => 1, 'bandeau_extension' => $extension,
            ]);
        }
        for ($id = 1; $id <= self::CUSTOMERS; $id++) {
            $this->insert('customer_entity', [
                'entity_id' => $id, 'website_id' => 1, 'store_id' => 1 + $id % 2, 'group_id' => 1,
                'email' => "c$id@example.com", 'firstname' => 'Customer', 'lastname' => (string)$id,
            ]);
            $fx->phone($id, $this->customerNumber($id));
        }
        $campaigns = $this->campaigns($fx);
        $zone = new \DateTimeZone(self::ZONE);
        $first = new \DateTimeImmutable(self::FIRST_DAY, $zone);
        $ids = [];
        for ($i = 0; $i < $calls; $i++) {
            $day = $first->modify('+' . mt_rand(0, self::DAYS - 1) . ' days');
            if ((int)$day->format('N') >= 6 && mt_rand(0, 2) > 0) {
                $day = $day->modify('-' . mt_rand(1, 4) . ' days'); // weekends are quieter
            }
            $ids[] = $this->call($day, $this->officeHour(), $campaigns);
        }
        // Calls that span local midnight: they count on the day and hour they started.
        foreach (['2026-03-20', '2026-03-28', '2026-04-03'] as $date) {
            $ids[] = $this->call(new \DateTimeImmutable($date, $zone), 23, $campaigns, 'answered', 1500);
        }
        // Night calls around the DST change: local 00:xx is the previous day in UTC.
        foreach (['2026-03-28', '2026-03-29', '2026-03-29', '2026-03-30', '2026-03-30', '2026-03-30'] as $date) {
            $ids[] = $this->call(new \DateTimeImmutable($date, $zone), 0, $campaigns);
        }
        return $ids;
    }

    /**
     * One more inbound call from a number without an account, missed, $minutesAgo before NOW (as
     * the bridge records it); its bridge call id.
     */
    public function missedCall(string $party, int $minutesAgo = 60): string
    {
        $start = self::NOW - 60 * $minutesAgo;
        $callId = sprintf('site-%d.recorded', $start);
        $this->insert('bandeau_call', [
            'call_id' => $callId, 'direction' => 'inbound', 'from_number' => $party, 'to_number' => '+33100000000',
            'started_at' => gmdate('Y-m-d H:i:s', $start), 'ended_at' => gmdate('Y-m-d H:i:s', $start + 30),
            'duration_s' => 30, 'talk_s' => 0, 'disposition' => 'missed', 'queue_name' => 'sales', 'wait_s' => 30,
            'party_key' => $party, 'route' => 'default', 'updated_at' => gmdate('Y-m-d H:i:s', $start + 30),
        ]);
        return $callId;
    }

    /** A customer's phone number (its party key on calls). */
    public function customerNumber(int $customerId): string
    {
        return sprintf('+336120000%02d', $customerId);
    }

    private function insert(string $table, array $row): int
    {
        $columns = array_keys($row);
        $this->db->query(
            sprintf(
                'INSERT INTO %s (%s) VALUES (%s)',
                $table,
                implode(', ', $columns),
                implode(', ', array_fill(0, count($columns), '?'))
            ),
            array_values($row)
        );
        return (int)$this->db->lastInsertId();
    }

    /** An hour of the local day, weighted as a shop's phone line: mornings and afternoons. */
    private function officeHour(): int
    {
        $weights = [0, 0, 0, 0, 0, 0, 0, 1, 4, 9, 12, 10, 5, 4, 9, 10, 8, 6, 3, 1, 1, 0, 0, 1];
        $pick = mt_rand(1, array_sum($weights));
        foreach ($weights as $hour => $weight) {
            $pick -= $weight;
            if ($pick <= 0) {
                return $hour;
            }
        }
        return 10;
    }

    /**
     * One raw call (and maybe an order after it).
     *
     * @param array<int, int[]> $campaigns campaign id => customer ids of its contacts
     */
    private function call(
        \DateTimeImmutable $day,
        int $hour,
        array $campaigns,
        ?string $disposition = null,
        ?int $talk = null
    ): int {
        $pick = static fn (array $a) => $a[mt_rand(0, count($a) - 1)];
        $start = $day->setTime($hour, mt_rand(0, 59), mt_rand(0, 59))->getTimestamp();
        $direction = $pick(['inbound', 'inbound', 'inbound', 'inbound', 'inbound', 'outbound', 'outbound', 'internal']);
        $disposition ??= $pick(array_merge(
            array_fill(0, 14, 'answered'),
            ['missed', 'missed', 'abandoned', 'abandoned', 'busy', 'failed', 'voicemail'],
            mt_rand(0, 30) === 0 ? [null] : []
        ));
        $customer = mt_rand(0, 9) < 6 ? mt_rand(1, self::CUSTOMERS) : null;
        $campaign = null;
        if ($direction === 'outbound' && mt_rand(0, 2) === 0) {
            $campaign = (int)$pick(array_keys($campaigns));
            $customer = (int)$pick($campaigns[$campaign]);
        }
        $party = match (true) {
            $direction === 'internal' => null,
            $customer !== null => $this->customerNumber($customer),
            default => self::UNKNOWN_NUMBERS[min(mt_rand(0, 9), mt_rand(0, 9)) % count(self::UNKNOWN_NUMBERS)],
        };
        $answered = $disposition === 'answered' ? $start + mt_rand(2, 40) : null;
        $talk ??= $disposition === 'answered' ? mt_rand(20, 900) : 0;
        $agent = $disposition === 'answered' ? mt_rand(1, count(self::AGENTS)) : null;
        $transfer = null;
        if ($agent !== null && mt_rand(0, 14) === 0) {
            $transfer = $pick([self::AGENTS[1 + $agent % 3][2], '+33199999999']);
        }
        $id = $this->insert('bandeau_call', [
            'call_id' => sprintf('site-%d.%d', $start, ++$this->calls),
            'direction' => $direction,
            'from_number' => $direction === 'inbound' ? $party : '1001',
            'to_number' => $direction === 'inbound' ? '+33100000000' : $party,
            'agent_user_id' => $agent,
            'agent_extension' => $agent === null ? null : self::AGENTS[$agent][2],
            'customer_id' => $customer,
            'campaign_id' => $campaign,
            'started_at' => gmdate('Y-m-d H:i:s', $start),
            'answered_at' => $answered === null ? null : gmdate('Y-m-d H:i:s', $answered),
            'ended_at' => $disposition === null ? null : gmdate('Y-m-d H:i:s', ($answered ?? $start) + $talk + 3),
            'duration_s' => $disposition === null ? 0 : ($answered ?? $start) - $start + $talk,
            'talk_s' => $talk,
            'disposition' => $disposition,
            'transferred_to' => $transfer,
            'queue_name' => $direction === 'inbound' ? $pick(['sales', 'sales', 'support', null]) : null,
            'wait_s' => $direction === 'inbound' ? mt_rand(0, 120) : null,
            'party_key' => $party,
            'route' => $direction === 'inbound' ? $pick(['sales', 'vip', 'default', 'default', null]) : null,
            'updated_at' => gmdate('Y-m-d H:i:s', $start),
        ]);
        if ($customer !== null && $disposition === 'answered' && mt_rand(0, 3) === 0) {
            // Within the sale window mostly; a few after it (not attributed), some canceled.
            $after = $pick([600, 5400, 86400, 3 * 86400, 6 * 86400, 9 * 86400]);
            $this->order($customer, $start + $after, mt_rand(1500, 40000) / 100, mt_rand(0, 7) === 0 ? 'canceled' : 'new');
        }
        return $id;
    }

    private function order(int $customerId, int $at, float $total, string $state = 'new'): int
    {
        return $this->insert('sales_order', [
            'increment_id' => sprintf('S%06d', ++$this->orders),
            'customer_id' => $customerId,
            'state' => $state,
            'status' => $state === 'canceled' ? 'canceled' : 'pending',
            'store_id' => 1 + $customerId % 2,
            'base_grand_total' => $total,
            'created_at' => gmdate('Y-m-d H:i:s', $at),
            'updated_at' => gmdate('Y-m-d H:i:s', $at),
        ]);
    }

    /**
     * Two campaigns built in the range: contacts 1-12 and 13-24, the first two thirds of each called
     * (first_contacted_at), the rest the hold-out group; orders from some of both.
     *
     * @return array<int, int[]> campaign id => contact customer ids
     */
    private function campaigns(CampaignFixtures $fx): array
    {
        $zone = new \DateTimeZone(self::ZONE);
        $campaigns = [];
        foreach ([['Spring carts', '2026-03-17 09:00'], ['Easter <relaunch>', '2026-03-31 09:00']] as $n => [$name, $built]) {
            $builtAt = (new \DateTimeImmutable($built, $zone))->getTimestamp();
            $id = $fx->campaign(array_keys(self::AGENTS), ['name' => $name, 'conversionDays' => 7]);
            $this->db->query(
                'UPDATE bandeau_campaign SET built_at = ?, created_at = ? WHERE campaign_id = ?',
                [gmdate('Y-m-d H:i:s', $builtAt), gmdate('Y-m-d H:i:s', $builtAt - 3600), $id]
            );
            $customers = range(1 + 12 * $n, 12 + 12 * $n);
            foreach ($customers as $i => $customerId) {
                $called = $i < 8;
                $contacted = $builtAt + 86400 + $i * 7200;
                $fx->contact($id, $customerId, [
                    'phone_e164' => $this->customerNumber($customerId),
                    'status' => $called ? 'done' : 'new',
                    'first_contacted_at' => $called ? gmdate('Y-m-d H:i:s', $contacted) : null,
                    'last_contacted_at' => $called ? gmdate('Y-m-d H:i:s', $contacted) : null,
                ]);
                if ($i % 3 === 0) {
                    $this->order($customerId, ($called ? $contacted : $builtAt) + 2 * 86400, 49.9 + $i);
                }
            }
            $campaigns[$id] = $customers;
        }
        return $campaigns;
    }
}
