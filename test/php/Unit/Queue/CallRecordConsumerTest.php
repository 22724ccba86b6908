<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Queue;

use Bandeau\Cti\Model\Queue\CallRecordConsumer;
use Bandeau\Cti\Test\Support\RestOutput;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

/**
 * The bandeau.call.record consumer: what the bridge publishes reaches CallManagementInterface::upsert
 * as the REST route would pass it, repeated messages store one call, failures are never silent.
 */
class CallRecordConsumerTest extends TestCase
{
    private FakeCallManagement $calls;
    private RecordingPublisher $publisher;
    private MemoryLogger $logger;
    private CallRecordConsumer $consumer;

    protected function setUp(): void
    {
        $this->calls = new FakeCallManagement();
        $this->publisher = new RecordingPublisher();
        $this->logger = new MemoryLogger();
        $this->consumer = new CallRecordConsumer($this->calls, $this->publisher, $this->logger);
    }

    /** The contract's example call, as the bridge sends it in {"call": …}. */
    private static function exampleCall(): array
    {
        return RestOutput::contract('calls.upsert.request.json')['call'];
    }

    /**
     * What the handler receives for an AMQP body the bridge published: the body is a JSON string
     * (the topic's request type is "string"), which Magento's MessageEncoder json-decodes.
     */
    private static function fromWire(array $call): string
    {
        $body = json_encode(json_encode($call, JSON_UNESCAPED_SLASHES), JSON_UNESCAPED_SLASHES);
        return json_decode($body, false, 512, JSON_THROW_ON_ERROR);
    }

    public function testTheContractExampleReachesUpsertFieldForField(): void
    {
        $this->consumer->process(self::fromWire(self::exampleCall()));
        self::assertCount(1, $this->calls->upserts);
        self::assertSame(self::exampleCall(), $this->calls->upserts[0]->toArray());
        self::assertSame([], $this->logger->records);
        self::assertSame([], $this->publisher->published);
    }

    public function testTheSameRecordDeliveredTwiceIsStoredOnce(): void
    {
        $message = self::fromWire(self::exampleCall());
        $this->consumer->process($message);
        $this->consumer->process($message);
        self::assertCount(2, $this->calls->upserts, 'each delivery is an upsert');
        self::assertSame([self::exampleCall()['call_id']], array_keys($this->calls->stored));
    }

    public function testAPartialRecordIsPassedWithNullsThatKeepStoredValues(): void
    {
        $this->consumer->process(self::fromWire([
            'call_id' => 'c-1', 'direction' => 'outbound', 'started_at' => '2024-05-01T12:20:00Z', 'unknown' => 'x',
        ]));
        $call = $this->calls->upserts[0];
        self::assertSame('c-1', $call->getCallId());
        self::assertNull($call->getCustomerId());
        self::assertNull($call->getRecordingUrl());
    }

    public function testNumericStringsForIdsAreAccepted(): void
    {
        $this->consumer->process(json_encode(['call_id' => 'c-2', 'direction' => 'inbound',
            'started_at' => '2024-05-01T12:20:00Z', 'customer_id' => '12', 'linked_ids' => ['a', 7]]));
        self::assertSame(12, $this->calls->upserts[0]->getCustomerId());
        self::assertSame(['a', '7'], $this->calls->upserts[0]->getLinkedIds());
    }

    public function testAWrappedRecordWithAnAttemptCountIsAccepted(): void
    {
        $this->consumer->process(json_encode(['call' => self::exampleCall(), 'attempt' => 3]));
        self::assertSame(self::exampleCall(), $this->calls->upserts[0]->toArray());
    }

    public static function invalidMessages(): array
    {
        return [
            'not JSON' => ['{"call_id": '],
            'a JSON list' => ['[1, 2]'],
            'a JSON string' => ['"hello"'],
            'linked_ids not a list' => [
                json_encode(['call_id' => 'c', 'direction' => 'inbound', 'linked_ids' => 'x']),
            ],
            'customer_id not an int' => [
                json_encode(['call_id' => 'c', 'direction' => 'inbound', 'customer_id' => 1.5]),
            ],
            'from an object' => [json_encode(['call_id' => 'c', 'direction' => 'inbound', 'from' => ['x' => 1]])],
        ];
    }

    #[DataProvider('invalidMessages')]
    public function testAnInvalidMessageIsLoggedAndDroppedNotRetried(string $message): void
    {
        $this->consumer->process($message);
        self::assertSame([], $this->calls->upserts);
        self::assertSame([], $this->publisher->published);
        self::assertSame('error', $this->logger->records[0][0]);
        self::assertStringContainsString('invalid call record', $this->logger->records[0][1]);
    }

    public function testARecordRefusedByValidationIsLoggedNotRetried(): void
    {
        $this->calls->validate = true;
        $this->consumer->process(json_encode([
            'call_id' => 'c-3', 'direction' => 'sideways', 'started_at' => '2024-05-01T12:20:00Z',
        ]));
        self::assertSame([], $this->calls->stored);
        self::assertSame([], $this->publisher->published);
        self::assertSame('error', $this->logger->records[0][0]);
        self::assertSame('c-3', $this->logger->records[0][2]['call_id']);
    }

    public function testAnInvalidRecordIsLoggedByCallIdWithoutItsNumbers(): void
    {
        // Issue 14, point 5: Magento's logs outlive the call log's retention; numbers stay out.
        $this->consumer->process(json_encode([
            'call_id' => 'c-9', 'direction' => 'inbound', 'from' => '+33 6 12 34 56 78',
            'customer_id' => '+33612345678',
        ]));
        self::assertSame([], $this->calls->upserts);
        [$level, , $context] = $this->logger->records[0];
        self::assertSame('error', $level);
        self::assertSame('c-9', $context['call_id']);
        self::assertStringContainsString('customer_id', $context['reason']);
        self::assertStringNotContainsString('12345678', json_encode($this->logger->records));
        self::assertStringNotContainsString('12 34 56 78', json_encode($this->logger->records));
    }

    public function testASaveThatFailsForAPassingReasonIsQueuedAgainThenLoggedInFull(): void
    {
        $this->calls->failWith = new \RuntimeException('SQLSTATE[HY000] [2002] Connection refused');
        $message = self::fromWire(self::exampleCall());
        for ($attempt = 1; $attempt <= CallRecordConsumer::MAX_ATTEMPTS; $attempt++) {
            $this->consumer->process($message);
            if ($attempt < CallRecordConsumer::MAX_ATTEMPTS) {
                self::assertCount($attempt, $this->publisher->published);
                [$topic, $message] = $this->publisher->published[$attempt - 1];
                self::assertSame(CallRecordConsumer::TOPIC, $topic);
                self::assertSame($attempt + 1, json_decode($message, true)['attempt']);
            }
        }
        self::assertCount(CallRecordConsumer::MAX_ATTEMPTS - 1, $this->publisher->published);
        [$level, $text, $context] = end($this->logger->records);
        self::assertSame('critical', $level);
        self::assertStringContainsString('not saved after ' . CallRecordConsumer::MAX_ATTEMPTS, $text);
        self::assertSame(self::exampleCall(), $context['record'], 'the record is in the log, to replay by hand');

        $this->calls->failWith = null;
        $this->consumer->process($this->publisher->published[0][1]);
        self::assertArrayHasKey(self::exampleCall()['call_id'], $this->calls->stored);
    }
}
