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
            'transfer target with CRLF' => [['transferred_to' => "7003\r\nAction: Originate"]],
            'transfer target too long' => [['transferred_to' => str_repeat('7', 65)]],
            'queue name with a tab' => [['queue' => "sup\tport"]],
            'queue name too long' => [['queue' => str_repeat('q', 81)]],
            'queue name not UTF-8' => [['queue' => "sup\xffport"]],
            'negative queue position' => [['queue_position' => -1]],
            'absurd queue position' => [['queue_position' => 100001]],
            'negative abandon position' => [['abandon_position' => -2]],
            'negative wait' => [['wait_s' => -5]],
            'wait over a week' => [['wait_s' => 604801]],
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

    public function testTransferAndQueueFieldsAreKeptTrimmedAndBlankIsNull(): void
    {
        $valid = Builders::callValidator()->validate(new Call(array_merge(self::BASE, [
            'transferred_to' => ' 7003 ', 'queue' => ' Service après-vente ', 'queue_position' => 3,
            'abandon_position' => 0, 'wait_s' => 604800,
        ])));
        self::assertSame('7003', $valid->getTransferredTo());
        self::assertSame('Service après-vente', $valid->getQueue());
        self::assertSame(3, $valid->getQueuePosition());
        self::assertSame(0, $valid->getAbandonPosition(), 'position 0 is a position, not "unknown"');
        self::assertSame(604800, $valid->getWaitS());
        $blank = Builders::callValidator()->validate(new Call(array_merge(self::BASE, [
            'transferred_to' => '  ', 'queue' => '',
        ])));
        self::assertNull($blank->getTransferredTo());
        self::assertNull($blank->getQueue());
        self::assertNull($blank->getQueuePosition());
        self::assertNull($blank->getWaitS());
        self::assertSame(str_repeat('é', 80), Builders::callValidator()->validate(new Call(array_merge(
            self::BASE,
            ['queue' => str_repeat('é', 80)]
        )))->getQueue(), 'the cap counts characters (the column is varchar(80) in utf8mb4)');
    }

    public function testMapperStoresTransferAndQueueFieldsInTheirColumns(): void
    {
        $mapper = new CallMapper();
        $call = new Call(array_merge(self::BASE, [
            'transferred_to' => '7003', 'queue' => 'support', 'queue_position' => 2, 'abandon_position' => 1,
            'wait_s' => 45,
        ]));
        $row = $mapper->toRow($call);
        self::assertSame(
            ['transferred_to' => '7003', 'queue_name' => 'support', 'queue_position' => 2, 'abandon_position' => 1,
                'wait_s' => 45],
            array_intersect_key($row, array_flip(['transferred_to', 'queue_name', 'queue_position',
                'abandon_position', 'wait_s']))
        );
        // As the database hands them back: strings.
        $back = $mapper->fromRow(array_map(static fn ($v) => $v === null ? null : (string)$v, $row));
        self::assertSame($call->toArray(), $back->toArray());
        self::assertSame(45, $back->getWaitS());
        self::assertNull($mapper->fromRow(['call_id' => 'c2', 'direction' => 'inbound',
            'started_at' => '2024-05-01 12:00:00'])->getQueue(), 'rows written before these columns read as null');
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
