<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Campaign\AudienceFilter;
use Bandeau\Cti\Model\Campaign\AudienceQuery;
use Bandeau\Cti\Model\Campaign\BuildConsumer;
use Bandeau\Cti\Model\Campaign\BuildMessage;
use Bandeau\Cti\Model\Campaign\BuildProgress;
use Bandeau\Cti\Model\Campaign\BuildScheduler;
use Bandeau\Cti\Model\Campaign\OptOut;
use Bandeau\Cti\Model\Campaign\UtcTime;
use Bandeau\Cti\Test\Support\CampaignFixtures;
use Magento\Framework\MessageQueue\PublisherInterface;
use Psr\Log\AbstractLogger;

/**
 * Which abandoned carts become campaign contacts: every filter and every exclusion, with rows
 * that must and must not be selected.
 */
class CampaignSelectionTest extends SqlTestCase
{
    private CampaignFixtures $fx;
    /** @var array<string, int> label => customer id */
    private array $customers = [];

    protected function setUp(): void
    {
        parent::setUp();
        $this->fx = new CampaignFixtures($this->db);
        $this->fx->basics();
        $fx = $this->fx;
        $c = &$this->customers;
        $c['eligible'] = $fx->customer();
        $fx->cart($c['eligible'], 5);
        $c['inactive'] = $fx->customer();
        $fx->cart($c['inactive'], 5, ['is_active' => 0]);
        $c['empty'] = $fx->customer();
        $fx->cart($c['empty'], 5, ['items_count' => 0]);
        $fx->cart(null, 5);
        $c['too_recent'] = $fx->customer();
        $fx->cart($c['too_recent'], 0.5);
        $c['too_old'] = $fx->customer();
        $fx->cart($c['too_old'], 100);
        $c['too_cheap'] = $fx->customer();
        $fx->cart($c['too_cheap'], 5, ['base_grand_total' => 20]);
        $c['wholesale'] = $fx->customer('+33612345679', ['group_id' => 2]);
        $fx->cart($c['wholesale'], 5);
        $c['other_store'] = $fx->customer();
        $fx->cart($c['other_store'], 5, ['store_id' => 2]);
        $c['ordered_since'] = $fx->customer();
        $fx->cart($c['ordered_since'], 5);
        $fx->order($c['ordered_since'], 2);
        $c['ordered_before'] = $fx->customer();
        $fx->cart($c['ordered_before'], 5);
        $fx->order($c['ordered_before'], 30);
        $c['no_phone'] = $fx->customer(null);
        $fx->cart($c['no_phone'], 5);
        $c['opted_out'] = $fx->customer();
        $fx->cart($c['opted_out'], 5);
        (new OptOut($fx->tables()))->optOut($c['opted_out'], null);
        $c['two_carts'] = $fx->customer();
        $fx->cart($c['two_carts'], 5, ['store_id' => 1]);
        $fx->cart($c['two_carts'], 6, ['store_id' => 2]);
    }

    private function expected(string ...$labels): array
    {
        $ids = array_map(fn (string $label): int => $this->customers[$label], $labels);
        sort($ids);
        return $ids;
    }

    private function build(AudienceFilter $filter, int $slice = 1000): int
    {
        $campaignId = $this->fx->campaign([], ['audience' => $filter, 'status' => 'building']);
        $this->fx->builder($slice)->build($campaignId);
        return $campaignId;
    }

    public function testFiltersAndExclusions(): void
    {
        $campaignId = $this->build(new AudienceFilter(1, 72, 50.0, [1], [1]));
        self::assertSame(
            $this->expected('eligible', 'ordered_before', 'two_carts'),
            $this->fx->contactCustomers($campaignId)
        );
        $campaign = $this->row('SELECT status, built_at FROM bandeau_campaign WHERE campaign_id = ?', [$campaignId]);
        self::assertSame('active', $campaign['status']);
        self::assertNotNull($campaign['built_at']);
    }

    public function testWithoutGroupAndStoreFiltersEveryGroupAndStoreCounts(): void
    {
        $campaignId = $this->build(new AudienceFilter(1, 72, 50.0));
        self::assertSame(
            $this->expected('eligible', 'wholesale', 'other_store', 'ordered_before', 'two_carts'),
            $this->fx->contactCustomers($campaignId)
        );
    }

    public function testEachFilterOnItsOwn(): void
    {
        $all = ['eligible', 'wholesale', 'other_store', 'ordered_before', 'two_carts'];
        $cases = [
            'age window wide' => [new AudienceFilter(0, 200, 0.0), [...$all, 'too_recent', 'too_old', 'too_cheap']],
            'minimum value' => [new AudienceFilter(0, 200, 50.0), [...$all, 'too_recent', 'too_old']],
            'recent only' => [new AudienceFilter(0, 1, 0.0), ['too_recent']],
            'old only' => [new AudienceFilter(72, 200, 0.0), ['too_old']],
            'wholesale group' => [new AudienceFilter(1, 72, 50.0, [2]), ['wholesale']],
            'second store' => [new AudienceFilter(1, 72, 50.0, [], [2]), ['other_store', 'two_carts']],
        ];
        $query = new AudienceQuery($this->fx->tables());
        foreach ($cases as $name => [$filter, $labels]) {
            $campaignId = $this->build($filter);
            self::assertSame($this->expected(...$labels), $this->fx->contactCustomers($campaignId), $name);
            self::assertSame(count($labels), $query->countAudience($filter, CampaignFixtures::NOW), 'preview: ' . $name);
        }
    }

    public function testPreviewCountsCustomersAndProgressCountsCandidateCarts(): void
    {
        $filter = new AudienceFilter(1, 72, 50.0, [1], [1]);
        $query = new AudienceQuery($this->fx->tables());
        self::assertSame(3, $query->countAudience($filter, CampaignFixtures::NOW));
        // Candidates: every active, non-empty customer cart in window, value and store (before exclusions).
        self::assertSame(7, $query->countCandidates($filter, CampaignFixtures::NOW));
    }

    public function testBuildsInSlicesAndRecordsProgress(): void
    {
        $campaignId = $this->build(new AudienceFilter(0, 200, 0.0), 2);
        $progress = $this->fx->progress()->get($campaignId);
        self::assertSame('done', $progress['status']);
        self::assertSame(12, $progress['total']);
        self::assertSame(12, $progress['processed']);
        self::assertSame(8, $progress['inserted']);
        self::assertSame(8, count($this->fx->contactCustomers($campaignId)));
        self::assertSame(
            ['campaignId' => $campaignId, 'status' => 'done', 'total' => 12, 'processed' => 12, 'contacts' => 8,
                'percent' => 100, 'message' => null],
            $this->fx->progress()->toJson($campaignId, $progress)
        );
    }

    public function testAResumedBuildContinuesAfterTheLastSlice(): void
    {
        $filter = new AudienceFilter(0, 200, 0.0);
        $campaignId = $this->fx->campaign([], ['audience' => $filter, 'status' => 'building']);
        $firstHalf = (int)$this->db->fetchOne('SELECT MIN(entity_id) + 7 FROM quote');
        $progress = $this->fx->progress();
        $progress->init($campaignId, 12);
        (new AudienceQuery($this->fx->tables()))->insertSlice($campaignId, $filter, CampaignFixtures::NOW, 0, $firstHalf);
        $this->db->query('UPDATE bandeau_campaign_build SET status = ?, last_quote_id = ? WHERE campaign_id = ?', [
            'running', $firstHalf, $campaignId,
        ]);
        self::assertSame(8, $this->fx->builder(3)->build($campaignId));
        self::assertSame(8, (int)$this->db->fetchOne('SELECT COUNT(*) FROM bandeau_campaign_contact'));
        self::assertSame(8, $this->fx->builder(3)->build($campaignId), 'a second delivery changes nothing');
    }

    public function testContactGetsTheDefaultBillingNumberAndTheCartSnapshot(): void
    {
        $fx = $this->fx;
        $customer = $fx->customer('+33100000001');
        $billing = $fx->phone($customer, '+33699999999', 'customer_address', 777);
        $fx->phone($customer, '+33188888888', 'order_address', 778);
        $this->db->query('UPDATE customer_entity SET default_billing = ? WHERE entity_id = ?', [777, $customer]);
        $quote = $fx->cart($customer, 3, ['base_grand_total' => 249.5]);
        self::assertGreaterThan(0, $billing);
        $campaignId = $this->build(new AudienceFilter(1, 72, 200.0));
        $row = $this->row('SELECT * FROM bandeau_campaign_contact WHERE campaign_id = ?', [$campaignId]);
        self::assertSame('+33699999999', $row['phone_e164']);
        self::assertSame($quote, (int)$row['quote_id']);
        self::assertSame('249.5000', $row['cart_total']);
        self::assertSame('EUR', $row['currency_code']);
        self::assertSame('new', $row['status']);
    }

    public function testSmallCampaignsBuildAtOnceLargeOnesGoThroughTheQueue(): void
    {
        $tables = $this->fx->tables();
        $published = [];
        $publisher = new class ($published) implements PublisherInterface {
            public function __construct(private array &$published)
            {
            }

            public function publish($topicName, $data)
            {
                $this->published[] = [$topicName, $data];
                return null;
            }
        };
        $scheduler = fn (int $limit): BuildScheduler => new BuildScheduler(
            $this->fx->repository(),
            new AudienceQuery($tables),
            new BuildProgress($tables, new UtcTime()),
            $this->fx->builder(),
            $publisher,
            new UtcTime(),
            new BuildMessage(),
            $limit
        );
        $small = $this->fx->campaign([], ['status' => 'building']);
        self::assertSame(BuildScheduler::MODE_INLINE, $scheduler(100)->schedule($small));
        self::assertSame(5, count($this->fx->contactCustomers($small)));
        self::assertSame([], $published);

        $large = $this->fx->campaign([], ['status' => 'building']);
        self::assertSame(BuildScheduler::MODE_QUEUED, $scheduler(2)->schedule($large));
        self::assertSame([[BuildScheduler::TOPIC, '{"campaignId":' . $large . '}']], $published);
        self::assertSame(['queued', 9, 0], array_values(array_intersect_key(
            $this->fx->progress()->get($large),
            ['status' => 1, 'total' => 1, 'processed' => 1]
        )));
        self::assertSame([], $this->fx->contactCustomers($large));
        $logger = new class extends AbstractLogger {
            public array $lines = [];

            public function log($level, \Stringable|string $message, array $context = []): void
            {
                $this->lines[] = $level . ' ' . $message;
            }
        };
        (new BuildConsumer($this->fx->builder(), $logger, new BuildMessage()))->process($published[0][1]);
        self::assertSame(5, count($this->fx->contactCustomers($large)));
        self::assertSame('active', $this->db->fetchOne('SELECT status FROM bandeau_campaign WHERE campaign_id = ?', [$large]));
        (new BuildConsumer($this->fx->builder(), $logger, new BuildMessage()))->process('garbage');
        (new BuildConsumer($this->fx->builder(), $logger, new BuildMessage()))->process('{"campaignId":999999}');
        self::assertSame(
            ['warning Bandeau campaign build: unreadable message', 'info Bandeau campaign build: campaign 999999 is gone'],
            $logger->lines
        );
    }

    public function testAFailingBuildIsRecorded(): void
    {
        $campaignId = $this->fx->campaign([], ['status' => 'building']);
        $this->db->getPdo()->exec('DROP TABLE bandeau_phone_index');
        try {
            $this->fx->builder()->build($campaignId);
            self::fail('the build should fail without the phone index');
        } catch (\PDOException $e) {
            self::assertStringContainsString('bandeau_phone_index', $e->getMessage());
        }
        $progress = $this->fx->progress()->get($campaignId);
        self::assertSame('failed', $progress['status']);
        self::assertStringContainsString('bandeau_phone_index', (string)$progress['message']);
        self::assertSame('failed', $this->db->fetchOne('SELECT status FROM bandeau_campaign'));
    }
}
