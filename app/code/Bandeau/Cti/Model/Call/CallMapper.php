<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Call;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Call;

/**
 * Converts between bandeau_call rows and call records (API field names, ISO-8601 UTC times).
 */
class CallMapper
{
    public const TABLE = 'bandeau_call';

    /** API field => column. */
    public const COLUMNS = [
        CallInterface::CALL_ID => 'call_id',
        CallInterface::LINKED_IDS => 'linked_ids',
        CallInterface::DIRECTION => 'direction',
        CallInterface::FROM => 'from_number',
        CallInterface::TO => 'to_number',
        CallInterface::AGENT_USER_ID => 'agent_user_id',
        CallInterface::AGENT_EXTENSION => 'agent_extension',
        CallInterface::CUSTOMER_ID => 'customer_id',
        CallInterface::ORDER_ID => 'order_id',
        CallInterface::CAMPAIGN_ID => 'campaign_id',
        CallInterface::STARTED_AT => 'started_at',
        CallInterface::ANSWERED_AT => 'answered_at',
        CallInterface::ENDED_AT => 'ended_at',
        CallInterface::DURATION_S => 'duration_s',
        CallInterface::TALK_S => 'talk_s',
        CallInterface::DISPOSITION => 'disposition',
        CallInterface::RECORDING_URL => 'recording_url',
        CallInterface::NOTE => 'note',
        CallInterface::TRANSFERRED_TO => 'transferred_to',
        CallInterface::QUEUE => 'queue_name',
        CallInterface::QUEUE_POSITION => 'queue_position',
        CallInterface::ABANDON_POSITION => 'abandon_position',
        CallInterface::WAIT_S => 'wait_s',
        CallInterface::ROUTE => 'route',
        CallInterface::ROUTE_RULE => 'route_rule',
        CallInterface::ROUTE_REASON => 'route_reason',
    ];

    public const INT_FIELDS = [
        CallInterface::AGENT_USER_ID, CallInterface::CUSTOMER_ID, CallInterface::ORDER_ID,
        CallInterface::CAMPAIGN_ID, CallInterface::DURATION_S, CallInterface::TALK_S,
        CallInterface::QUEUE_POSITION, CallInterface::ABANDON_POSITION, CallInterface::WAIT_S,
    ];

    public const TIME_FIELDS = [CallInterface::STARTED_AT, CallInterface::ANSWERED_AT, CallInterface::ENDED_AT];

    /**
     * The call record of a bandeau_call row (typed values, ISO-8601 times).
     *
     * @param array<string,mixed> $row
     */
    public function fromRow(array $row): CallInterface
    {
        $data = [];
        foreach (self::COLUMNS as $field => $column) {
            $value = $row[$column] ?? null;
            if ($value === null) {
                $data[$field] = null;
            } elseif ($field === CallInterface::LINKED_IDS) {
                $decoded = json_decode((string)$value, true);
                $data[$field] = is_array($decoded) ? array_values(array_map('strval', $decoded)) : [];
            } elseif (in_array($field, self::INT_FIELDS, true)) {
                $data[$field] = (int)$value;
            } elseif (in_array($field, self::TIME_FIELDS, true)) {
                $data[$field] = $this->dbToIso((string)$value);
            } else {
                $data[$field] = (string)$value;
            }
        }
        return new Call($data);
    }

    /**
     * Column values for a validated call (nulls included).
     *
     * @param CallInterface $call
     * @return array<string, mixed> column => value
     */
    public function toRow(CallInterface $call): array
    {
        $values = $call instanceof Call ? $call->toArray() : (new Call([
            CallInterface::CALL_ID => $call->getCallId(),
            CallInterface::LINKED_IDS => $call->getLinkedIds(),
            CallInterface::DIRECTION => $call->getDirection(),
            CallInterface::FROM => $call->getFrom(),
            CallInterface::TO => $call->getTo(),
            CallInterface::AGENT_USER_ID => $call->getAgentUserId(),
            CallInterface::AGENT_EXTENSION => $call->getAgentExtension(),
            CallInterface::CUSTOMER_ID => $call->getCustomerId(),
            CallInterface::ORDER_ID => $call->getOrderId(),
            CallInterface::CAMPAIGN_ID => $call->getCampaignId(),
            CallInterface::STARTED_AT => $call->getStartedAt(),
            CallInterface::ANSWERED_AT => $call->getAnsweredAt(),
            CallInterface::ENDED_AT => $call->getEndedAt(),
            CallInterface::DURATION_S => $call->getDurationS(),
            CallInterface::TALK_S => $call->getTalkS(),
            CallInterface::DISPOSITION => $call->getDisposition(),
            CallInterface::RECORDING_URL => $call->getRecordingUrl(),
            CallInterface::NOTE => $call->getNote(),
            CallInterface::TRANSFERRED_TO => $call->getTransferredTo(),
            CallInterface::QUEUE => $call->getQueue(),
            CallInterface::QUEUE_POSITION => $call->getQueuePosition(),
            CallInterface::ABANDON_POSITION => $call->getAbandonPosition(),
            CallInterface::WAIT_S => $call->getWaitS(),
            CallInterface::ROUTE => $call->getRoute(),
            CallInterface::ROUTE_RULE => $call->getRouteRule(),
            CallInterface::ROUTE_REASON => $call->getRouteReason(),
        ]))->toArray();
        $row = [];
        foreach (self::COLUMNS as $field => $column) {
            $value = $values[$field];
            if ($value !== null && $field === CallInterface::LINKED_IDS) {
                $value = json_encode(array_values($value), JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
            } elseif ($value !== null && in_array($field, self::TIME_FIELDS, true)) {
                $value = $this->isoToDb((string)$value);
            }
            $row[$column] = $value;
        }
        return $row;
    }

    /**
     * "2024-05-01T12:20:00+02:00" => "2024-05-01 10:20:00" (UTC); null when not ISO-8601.
     *
     * @param string $iso
     * @return string|null
     */
    public function isoToDb(string $iso): ?string
    {
        $iso = trim($iso);
        if (!preg_match('/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i', $iso)) {
            return null;
        }
        try {
            $date = new \DateTimeImmutable($iso, new \DateTimeZone('UTC'));
        } catch (\Exception $e) {
            return null;
        }
        $errors = \DateTimeImmutable::getLastErrors();
        if (is_array($errors) && ($errors['warning_count'] > 0 || $errors['error_count'] > 0)) {
            return null;
        }
        return $date->setTimezone(new \DateTimeZone('UTC'))->format('Y-m-d H:i:s');
    }

    /**
     * "2024-05-01 10:20:00" (UTC) => "2024-05-01T10:20:00Z".
     *
     * @param string $value
     * @return string
     */
    public function dbToIso(string $value): string
    {
        $date = new \DateTimeImmutable($value, new \DateTimeZone('UTC'));
        return $date->format('Y-m-d\TH:i:s\Z');
    }
}
