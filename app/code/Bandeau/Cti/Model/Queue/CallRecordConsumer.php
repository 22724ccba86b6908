<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Queue;

use Bandeau\Cti\Api\CallManagementInterface;
use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\Call\CallMapper;
use Magento\Framework\Exception\InputException;
use Magento\Framework\MessageQueue\PublisherInterface;
use Psr\Log\LoggerInterface;

/**
 * Consumer of the bandeau.call.record topic (etc/queue_consumer.xml): each message is one call
 * record from the bridge, saved with CallManagementInterface::upsert exactly as the REST route
 * does. The broker delivers at least once; upsert on call_id makes a repeated message harmless.
 *
 * An invalid record is logged and dropped (as REST answers 400 to it). A record whose save fails
 * for another reason (database away, deadlock) is published again with an attempt count, up to
 * MAX_ATTEMPTS, then logged in full as critical: Magento's consumer would otherwise reject it for
 * good.
 */
class CallRecordConsumer
{
    public const TOPIC = 'bandeau.call.record';
    public const MAX_ATTEMPTS = 5;

    private const STRING_FIELDS = [
        CallInterface::CALL_ID, CallInterface::DIRECTION, CallInterface::FROM, CallInterface::TO,
        CallInterface::AGENT_EXTENSION, CallInterface::STARTED_AT, CallInterface::ANSWERED_AT,
        CallInterface::ENDED_AT, CallInterface::DISPOSITION, CallInterface::RECORDING_URL, CallInterface::NOTE,
        CallInterface::TRANSFERRED_TO, CallInterface::QUEUE,
    ];
    private const ROUTE_FIELDS = [CallInterface::ROUTE, CallInterface::ROUTE_RULE, CallInterface::ROUTE_REASON];

    /**
     * @param CallManagementInterface $callManagement
     * @param PublisherInterface $publisher
     * @param LoggerInterface $logger
     */
    public function __construct(
        private CallManagementInterface $callManagement,
        private PublisherInterface $publisher,
        private LoggerInterface $logger
    ) {
    }

    /**
     * Stores a call record from the queue; a record that cannot be stored yet is retried later.
     *
     * @param string $message the call as JSON: the contract's call object, or {"call": {...}, "attempt": n}
     * @return void
     */
    public function process(string $message): void
    {
        $attempt = 1;
        try {
            $data = json_decode($message, true, 64, JSON_THROW_ON_ERROR);
            if (is_array($data) && isset($data['call']) && is_array($data['call'])) {
                $attempt = max(1, (int)($data['attempt'] ?? 1));
                $data = $data['call'];
            }
            if (!is_array($data) || array_is_list($data)) {
                throw $this->invalid('call', $data);
            }
            $call = $this->toCall($data);
        } catch (\JsonException | InputException $e) {
            // The call id and why, not the message: it holds phone numbers, and logs are kept longer
            // than the module's retention.
            $this->logger->error('Bandeau: invalid call record dropped from the queue', [
                'call_id' => is_array($data ?? null) && is_string($data['call_id'] ?? null) ? $data['call_id'] : null,
                'reason' => $this->withoutNumbers($e->getMessage()),
                'bytes' => strlen($message),
            ]);
            return;
        }

        try {
            $this->callManagement->upsert($call);
        } catch (InputException $e) {
            $this->logger->error('Bandeau: call record refused', [
                'call_id' => $call->getCallId(),
                'reason' => $this->withoutNumbers($e->getMessage()),
            ]);
        } catch (\Throwable $e) {
            $this->retryLater($data, $attempt, $e);
        }
    }

    /**
     * Publishes the record again with one more attempt, or logs it as lost after the last one.
     *
     * @param array<string,mixed> $data
     * @param int $attempt
     * @param \Throwable $error
     */
    private function retryLater(array $data, int $attempt, \Throwable $error): void
    {
        $context = [
            'call_id' => $data[CallInterface::CALL_ID] ?? null,
            'attempt' => $attempt,
            'reason' => $this->withoutNumbers($error->getMessage()),
        ];
        if ($attempt >= self::MAX_ATTEMPTS) {
            $this->logger->critical(
                'Bandeau: call record not saved after ' . $attempt . ' attempts; record follows',
                $context + ['record' => $data]
            );
            return;
        }
        $this->logger->warning('Bandeau: call record not saved; queued again', $context);
        $this->publisher->publish(
            self::TOPIC,
            json_encode(['call' => $data, 'attempt' => $attempt + 1], JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR)
        );
    }

    /**
     * Typed call from decoded JSON, as Magento's REST input processor would build it: unknown keys
     * are ignored, a value of the wrong type is an InputException. The rules on values are
     * CallValidator's (run by upsert).
     *
     * @param array<string,mixed> $data
     * @throws InputException
     */
    private function toCall(array $data): Call
    {
        $fields = [];
        foreach (CallInterface::FIELDS as $field) {
            $value = $data[$field] ?? null;
            if ($value === null) {
                $fields[$field] = null;
            } elseif (in_array($field, CallMapper::INT_FIELDS, true)) {
                if (is_string($value) && preg_match('/^\d{1,10}$/', $value)) {
                    $value = (int)$value;
                }
                $fields[$field] = is_int($value) ? $value : throw $this->invalid($field, $value);
            } elseif ($field === CallInterface::LINKED_IDS) {
                $ok = is_array($value) && array_is_list($value)
                    && count(array_filter($value, static fn ($v) => !is_string($v) && !is_int($v))) === 0;
                $fields[$field] = $ok ? array_map('strval', $value) : throw $this->invalid($field, $value);
            } elseif (in_array($field, self::ROUTE_FIELDS, true)) {
                // A route is a note on the call: one that is not text is dropped, not the record.
                $fields[$field] = is_string($value) ? $value : null;
            } elseif (in_array($field, self::STRING_FIELDS, true)) {
                $ok = is_string($value) || is_int($value);
                $fields[$field] = $ok ? (string)$value : throw $this->invalid($field, $value);
            }
        }
        return new Call($fields);
    }

    /**
     * An error message without the phone numbers it may quote ("Invalid value of "+336…""): every
     * run of six or more digits, separators included, is replaced.
     *
     * @param string $text
     * @return string
     */
    private function withoutNumbers(string $text): string
    {
        return (string)preg_replace('/\+?\d(?:[\s.()\/-]*\d){5,}/', '[redacted]', $text);
    }

    /**
     * The error for a field of the wrong type.
     *
     * @param string $field
     * @param mixed $value
     * @return InputException
     */
    private function invalid(string $field, mixed $value): InputException
    {
        $shown = is_scalar($value) ? (string)$value : get_debug_type($value);
        return new InputException(__('Invalid value of "%1" provided for the %2 field.', $shown, $field));
    }
}
