<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\CallManagement;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\RestOutput;

/**
 * The call record's route, route_rule and route_reason (issue 15) through the upsert on MariaDB:
 * stored and returned; a value outside the contract is stored as null and the record is kept;
 * a later delivery without them keeps them.
 */
class CallRouteFieldsTest extends SqlTestCase
{
    private CallManagement $management;

    protected function setUp(): void
    {
        parent::setUp();
        $repository = Builders::callRepository($this->resource);
        $this->management = Builders::callManagement($this->resource, $repository, strtotime('2024-05-01T12:30:00Z'));
    }

    private function upsert(array $fields): array
    {
        $call = array_merge(
            ['call_id' => 'r1', 'direction' => 'inbound', 'started_at' => '2024-05-01T12:20:00Z', 'from' => '+33612345678'],
            $fields
        );
        return RestOutput::toArray($this->management->upsert(new Call($call)));
    }

    private function stored(): array
    {
        return $this->row('SELECT route, route_rule, route_reason FROM bandeau_call WHERE call_id = ?', ['r1']);
    }

    public function testRouteFieldsAreStoredAndReturned(): void
    {
        $saved = $this->upsert(['route' => 'sales', 'route_rule' => 'not_shipped', 'route_reason' => 'rule']);
        self::assertSame(['sales', 'not_shipped', 'rule'], [$saved['route'], $saved['route_rule'], $saved['route_reason']]);
        self::assertSame(['route' => 'sales', 'route_rule' => 'not_shipped', 'route_reason' => 'rule'], $this->stored());
    }

    public function testEveryReasonOfTheContractIsKept(): void
    {
        foreach (['rule', 'no_match', 'unknown_number', 'no_caller_id', 'timeout', 'error'] as $reason) {
            self::assertSame($reason, $this->upsert(['route' => 'default', 'route_reason' => $reason])['route_reason']);
        }
    }

    public function testInvalidValuesBecomeNullAndTheRecordIsKept(): void
    {
        $saved = $this->upsert([
            'route' => "sales\nAction: Originate",
            'route_rule' => 'Not_Shipped',
            'route_reason' => 'because',
            'disposition' => 'answered',
        ]);
        self::assertSame('answered', $saved['disposition']);
        self::assertArrayNotHasKey('route', $saved);
        self::assertArrayNotHasKey('route_rule', $saved);
        self::assertArrayNotHasKey('route_reason', $saved);
        self::assertSame(['route' => null, 'route_rule' => null, 'route_reason' => null], $this->stored());
        $tooLong = $this->upsert(['route' => str_repeat('a', 33), 'route_rule' => str_repeat('b', 33)]);
        self::assertArrayNotHasKey('route', $tooLong);
        self::assertArrayNotHasKey('route_rule', $tooLong);
    }

    public function testALaterDeliveryWithoutRouteFieldsKeepsThem(): void
    {
        $this->upsert(['route' => 'vip', 'route_rule' => 'vip', 'route_reason' => 'rule']);
        $this->upsert(['disposition' => 'answered', 'ended_at' => '2024-05-01T12:25:00Z']);
        self::assertSame(['route' => 'vip', 'route_rule' => 'vip', 'route_reason' => 'rule'], $this->stored());
    }

    public function testACallWithoutRoutingHasNoRouteFields(): void
    {
        $saved = $this->upsert([]);
        self::assertSame([], array_intersect(['route', 'route_rule', 'route_reason'], array_keys($saved)));
        self::assertSame(['route' => null, 'route_rule' => null, 'route_reason' => null], $this->stored());
    }
}
