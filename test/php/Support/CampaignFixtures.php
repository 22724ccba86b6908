<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Bandeau\Cti\Model\Agent\AgentDirectory;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Analytics\Figures;
use Bandeau\Cti\Model\Analytics\Names;
use Bandeau\Cti\Model\Campaign\AudienceFilter;
use Bandeau\Cti\Model\Campaign\AudienceQuery;
use Bandeau\Cti\Model\Campaign\BuildProgress;
use Bandeau\Cti\Model\Campaign\Campaign;
use Bandeau\Cti\Model\Campaign\CampaignBuilder;
use Bandeau\Cti\Model\Campaign\CampaignRepository;
use Bandeau\Cti\Model\Campaign\FormOptions;
use Bandeau\Cti\Model\Campaign\IdList;
use Bandeau\Cti\Model\Campaign\Tables;
use Bandeau\Cti\Model\Campaign\UtcTime;
use Bandeau\Cti\Model\Clock\FixedClock;
use Magento\Framework\App\ResourceConnection;

/**
 * Rows for the campaign SQL tests: stores, groups, customers, carts, phones, orders, agents.
 */
final class CampaignFixtures
{
    /** Tuesday 14 November 2023, 22:13:20 UTC. */
    public const NOW = 1700000000;

    private int $seq = 0;

    public function __construct(private PdoAdapter $db)
    {
    }

    public function tables(): Tables
    {
        return new Tables(new ResourceConnection($this->db));
    }

    public function repository(): CampaignRepository
    {
        return new CampaignRepository($this->tables(), new IdList());
    }

    /** The choices of the campaign form, its agents read from admin_user as in Magento. */
    public function formOptions(): FormOptions
    {
        return new FormOptions(
            $this->tables(),
            new AgentDirectory(new ResourceConnection($this->db), new AgentProfile())
        );
    }

    /** Admin users' names by id, for the campaign page's agents the form no longer offers. */
    public function names(): Names
    {
        return new Names(new ResourceConnection($this->db), new Figures());
    }

    public function progress(): BuildProgress
    {
        return new BuildProgress($this->tables(), new UtcTime());
    }

    public function builder(int $slice = 1000, int $now = self::NOW): CampaignBuilder
    {
        $tables = $this->tables();
        return new CampaignBuilder(
            $tables,
            new CampaignRepository($tables, new IdList()),
            new AudienceQuery($tables),
            new BuildProgress($tables, new UtcTime()),
            new FixedClock($now),
            new UtcTime(),
            $slice
        );
    }

    public function insert(string $table, array $row): int
    {
        $this->db->insertOnDuplicate($table, $row);
        return (int)$this->db->lastInsertId();
    }

    public function basics(): void
    {
        foreach ([1 => 'default', 2 => 'french'] as $id => $code) {
            $this->insert('store', ['store_id' => $id, 'code' => $code, 'name' => ucfirst($code), 'is_active' => 1]);
        }
        foreach ([1 => 'General', 2 => 'Wholesale'] as $id => $code) {
            $this->insert('customer_group', ['customer_group_id' => $id, 'customer_group_code' => $code]);
        }
    }

    /**
     * A customer with a phone number in the index (unless $phone is null).
     */
    public function customer(?string $phone = '+33612345678', array $data = []): int
    {
        $n = ++$this->seq;
        $id = $this->insert('customer_entity', array_merge([
            'website_id' => 1,
            'email' => 'c' . $n . '@example.com',
            'firstname' => 'First' . $n,
            'lastname' => 'Last' . $n,
            'group_id' => 1,
        ], $data));
        if ($phone !== null) {
            $this->phone($id, $phone);
        }
        return $id;
    }

    public function phone(int $customerId, string $e164, string $source = 'customer_address', ?int $sourceId = null): int
    {
        return $this->insert('bandeau_phone_index', [
            'phone_e164' => $e164,
            'source' => $source,
            'source_id' => $sourceId ?? 1000 + (++$this->seq),
            'customer_id' => $customerId,
            'telephone' => $e164,
        ]);
    }

    /**
     * An abandoned cart of the customer, last updated $hoursAgo hours before NOW, with two lines.
     */
    public function cart(?int $customerId, float $hoursAgo = 5, array $data = []): int
    {
        $updated = (new UtcTime())->db((int)(self::NOW - $hoursAgo * 3600));
        $id = $this->insert('quote', array_merge([
            'store_id' => 1,
            'created_at' => $updated,
            'updated_at' => $updated,
            'is_active' => 1,
            'items_count' => 2,
            'items_qty' => 3,
            'grand_total' => 120,
            'base_grand_total' => 120,
            'base_currency_code' => 'EUR',
            'quote_currency_code' => 'EUR',
            'customer_id' => $customerId,
        ], $data));
        $this->insert('quote_item', [
            'quote_id' => $id, 'sku' => 'MUG-1', 'name' => 'Blue mug', 'qty' => 2, 'price' => 20,
            'base_price' => 20, 'row_total' => 40, 'base_row_total' => 40, 'created_at' => $updated,
            'updated_at' => $updated,
        ]);
        $this->insert('quote_item', [
            'quote_id' => $id, 'sku' => 'TEA-9', 'name' => 'Green tea', 'qty' => 1, 'price' => 80,
            'base_price' => 80, 'row_total' => 80, 'base_row_total' => 80, 'created_at' => $updated,
            'updated_at' => $updated,
        ]);
        return $id;
    }

    public function order(int $customerId, float $hoursAgo, float $total = 99.0, string $state = 'new'): int
    {
        return $this->insert('sales_order', [
            'increment_id' => 'O' . (++$this->seq),
            'customer_id' => $customerId,
            'state' => $state,
            'base_grand_total' => $total,
            'created_at' => (new UtcTime())->db((int)(self::NOW - $hoursAgo * 3600)),
        ]);
    }

    public function agent(string $extension, string $name = 'Agent'): int
    {
        return $this->insert('admin_user', [
            'firstname' => $name,
            'lastname' => $extension,
            'username' => 'agent' . $extension,
            'is_active' => 1,
            'bandeau_extension' => $extension,
        ]);
    }

    /**
     * A campaign (status active unless given) open around the clock unless hours are given.
     *
     * @param int[] $agentIds
     */
    public function campaign(array $agentIds, array $options = []): int
    {
        $campaign = new Campaign(
            null,
            $options['name'] ?? 'Carts',
            $options['audience'] ?? new AudienceFilter(1, 72, 50.0),
            (new UtcTime())->db($options['audienceAt'] ?? self::NOW),
            $options['timezone'] ?? 'UTC',
            $options['hoursStart'] ?? '00:00',
            $options['hoursEnd'] ?? '24:00',
            $options['weekdays'] ?? [1, 2, 3, 4, 5, 6, 7],
            $options['maxAttempts'] ?? 3,
            $options['retryDelayMinutes'] ?? 60,
            $options['powerDial'] ?? false,
            $options['conversionDays'] ?? 7,
            $options['status'] ?? Campaign::STATUS_ACTIVE
        );
        return $this->repository()->create($campaign, $agentIds);
    }

    /**
     * A contact row written directly (claim and outcome tests).
     */
    public function contact(int $campaignId, int $customerId, array $data = []): int
    {
        return $this->insert('bandeau_campaign_contact', array_merge([
            'campaign_id' => $campaignId,
            'quote_id' => $data['quote_id'] ?? 0,
            'customer_id' => $customerId,
            'phone_e164' => '+33612345678',
            'cart_total' => 120,
            'currency_code' => 'EUR',
            'cart_updated_at' => (new UtcTime())->db(self::NOW - 3600),
            'status' => 'new',
        ], $data));
    }

    /**
     * @return int[] customer ids in the campaign, ascending
     */
    public function contactCustomers(int $campaignId): array
    {
        return array_map('intval', $this->db->fetchCol(
            'SELECT customer_id FROM bandeau_campaign_contact WHERE campaign_id = ? ORDER BY customer_id',
            [$campaignId]
        ));
    }
}
