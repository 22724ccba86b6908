<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Model;

use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Test\Support\Builders;
use Magento\Framework\Exception\InputException;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

class CallValidatorTest extends TestCase
{
    private const BASE = ['call_id' => 'c1', 'direction' => 'inbound', 'started_at' => '2024-05-01T12:00:00Z'];

    public static function invalid(): array
    {
        return [
            'no call id' => [['call_id' => ' ']],
            'call id with newline' => [['call_id' => "a\nb"]],
            'bad direction' => [['direction' => 'sideways']],
            'no start' => [['started_at' => null]],
            'bad start' => [['started_at' => 'yesterday']],
            'bad end' => [['ended_at' => '2024-13-45T99:00:00Z']],
            'bad disposition' => [['disposition' => 'maybe']],
            'negative duration' => [['duration_s' => -1]],
            'number with CRLF' => [['from' => "+3361\r\nAction: Originate"]],
            'bad extension' => [['agent_extension' => '10 01']],
            'recording not http' => [['recording_url' => 'javascript:alert(1)']],
            'empty linked id' => [['linked_ids' => ['a', '']]],
        ];
    }

    #[DataProvider('invalid')]
    public function testRejects(array $override): void
    {
        $this->expectException(InputException::class);
        Builders::callValidator()->validate(new Call(array_merge(self::BASE, $override)));
    }

    public function testNormalises(): void
    {
        $valid = Builders::callValidator()->validate(new Call(array_merge(self::BASE, [
            'call_id' => ' c1 ', 'started_at' => '2024-05-01T14:00:00+02:00', 'from' => '  ',
            'linked_ids' => ['a', 'a', 'b'], 'customer_id' => 0, 'agent_extension' => ' 1001 ',
        ])));
        self::assertSame('c1', $valid->getCallId());
        self::assertSame('2024-05-01T12:00:00Z', $valid->getStartedAt());
        self::assertNull($valid->getFrom());
        self::assertSame(['a', 'b'], $valid->getLinkedIds());
        self::assertNull($valid->getCustomerId());
        self::assertSame('1001', $valid->getAgentExtension());
    }

    public function testMapperRoundTrip(): void
    {
        $mapper = new CallMapper();
        $call = new Call(array_merge(self::BASE, ['linked_ids' => ['x'], 'duration_s' => 5, 'from' => '+1']));
        $row = $mapper->toRow($call);
        self::assertSame('2024-05-01 12:00:00', $row['started_at']);
        self::assertSame('["x"]', $row['linked_ids']);
        self::assertSame('+1', $row['from_number']);
        $back = $mapper->fromRow(array_map(static fn ($v) => $v === null ? null : (string)$v, $row));
        self::assertSame($call->toArray(), $back->toArray());
        self::assertNull($mapper->isoToDb('2024-05-01'));
    }
}
