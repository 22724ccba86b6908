<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Call;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\Routing\RuleNames;
use Bandeau\Cti\Model\UrlParser;
use Magento\Framework\Exception\InputException;

/**
 * Checks a call record coming from outside and returns a normalised copy.
 */
class CallValidator
{
    private const MAX_NUMBER_LENGTH = 64;
    private const MAX_QUEUE_LENGTH = 80;
    /** Queue positions and waits past these are not a real queue's (a bad record, not a long day). */
    private const MAX_QUEUE_POSITION = 100000;
    private const MAX_WAIT_S = 604800;

    /**
     * @param CallMapper $mapper
     * @param AgentProfile $agentProfile
     * @param UrlParser $urlParser
     */
    public function __construct(
        private CallMapper $mapper,
        private AgentProfile $agentProfile,
        private UrlParser $urlParser
    ) {
    }

    /**
     * A normalised copy of the call, or an InputException naming the first invalid field.
     *
     * @param CallInterface $call
     * @throws InputException
     */
    public function validate(CallInterface $call): Call
    {
        $data = array_fill_keys(array_keys(CallMapper::COLUMNS), null);

        $callId = trim((string)$call->getCallId());
        if ($callId === '' || strlen($callId) > 128 || preg_match('/[\x00-\x1f\x7f]/', $callId)) {
            throw $this->invalid(CallInterface::CALL_ID, (string)$call->getCallId());
        }
        $data[CallInterface::CALL_ID] = $callId;

        $direction = $call->getDirection();
        if ($direction === null || !in_array($direction, CallInterface::DIRECTIONS, true)) {
            throw $this->invalid(CallInterface::DIRECTION, (string)$direction);
        }
        $data[CallInterface::DIRECTION] = $direction;

        foreach ([CallInterface::STARTED_AT, CallInterface::ANSWERED_AT, CallInterface::ENDED_AT] as $field) {
            $value = $this->get($call, $field);
            if ($value === null || $value === '') {
                if ($field === CallInterface::STARTED_AT) {
                    throw new InputException(__('"%1" is required.', $field));
                }
                continue;
            }
            $db = $this->mapper->isoToDb((string)$value);
            if ($db === null) {
                throw $this->invalid($field, (string)$value);
            }
            $data[$field] = $this->mapper->dbToIso($db);
        }

        $linked = $call->getLinkedIds();
        if ($linked !== null) {
            $clean = [];
            foreach ($linked as $id) {
                if (!is_scalar($id) || trim((string)$id) === '' || strlen((string)$id) > 128) {
                    throw $this->invalid(CallInterface::LINKED_IDS, is_scalar($id) ? (string)$id : get_debug_type($id));
                }
                $clean[] = trim((string)$id);
            }
            $data[CallInterface::LINKED_IDS] = array_values(array_unique($clean));
        }

        foreach ([CallInterface::FROM, CallInterface::TO] as $field) {
            $value = $this->get($call, $field);
            if ($value === null) {
                continue;
            }
            $value = trim((string)$value);
            if (strlen($value) > self::MAX_NUMBER_LENGTH || preg_match('/[\x00-\x1f\x7f]/', $value)) {
                throw $this->invalid($field, $value);
            }
            $data[$field] = $value === '' ? null : $value;
        }

        $extension = $call->getAgentExtension();
        if ($extension !== null && trim($extension) !== '') {
            $normalised = $this->agentProfile->normaliseExtension($extension);
            if ($normalised === null) {
                throw $this->invalid(CallInterface::AGENT_EXTENSION, $extension);
            }
            $data[CallInterface::AGENT_EXTENSION] = $normalised;
        }

        foreach (CallMapper::INT_FIELDS as $field) {
            $value = $this->get($call, $field);
            if ($value === null) {
                continue;
            }
            if (!is_int($value) || $value < 0 || $value > 4294967295) {
                throw $this->invalid($field, (string)$value);
            }
            $data[$field] = $value;
        }
        foreach ([CallInterface::AGENT_USER_ID, CallInterface::CUSTOMER_ID, CallInterface::ORDER_ID] as $field) {
            if ($data[$field] === 0) {
                $data[$field] = null;
            }
        }
        foreach ([CallInterface::QUEUE_POSITION, CallInterface::ABANDON_POSITION] as $field) {
            if ($data[$field] !== null && $data[$field] > self::MAX_QUEUE_POSITION) {
                throw $this->invalid($field, (string)$data[$field]);
            }
        }
        if ($data[CallInterface::WAIT_S] !== null && $data[CallInterface::WAIT_S] > self::MAX_WAIT_S) {
            throw $this->invalid(CallInterface::WAIT_S, (string)$data[CallInterface::WAIT_S]);
        }
        $transferredTo = $this->shortText($call, CallInterface::TRANSFERRED_TO, self::MAX_NUMBER_LENGTH);
        $data[CallInterface::TRANSFERRED_TO] = $transferredTo;
        $data[CallInterface::QUEUE] = $this->shortText($call, CallInterface::QUEUE, self::MAX_QUEUE_LENGTH);

        $data[CallInterface::ROUTE] = $this->routing($call->getRoute(), RuleNames::ROUTE);
        $data[CallInterface::ROUTE_RULE] = $this->routing($call->getRouteRule(), RuleNames::CODE);
        $reason = $call->getRouteReason();
        $data[CallInterface::ROUTE_REASON] = in_array($reason, RuleNames::REASONS, true) ? $reason : null;

        $disposition = $call->getDisposition();
        if ($disposition !== null) {
            if (!in_array($disposition, CallInterface::DISPOSITIONS, true)) {
                throw $this->invalid(CallInterface::DISPOSITION, $disposition);
            }
            $data[CallInterface::DISPOSITION] = $disposition;
        }

        $recording = $call->getRecordingUrl();
        if ($recording !== null && $recording !== '') {
            $parts = $this->urlParser->parse($recording);
            $scheme = strtolower((string)($parts['scheme'] ?? ''));
            if (strlen($recording) > 1024 || !in_array($scheme, ['http', 'https'], true)) {
                throw $this->invalid(CallInterface::RECORDING_URL, $recording);
            }
            $data[CallInterface::RECORDING_URL] = $recording;
        }

        $note = $call->getNote();
        if ($note !== null) {
            if (strlen($note) > 65535) {
                throw $this->invalid(CallInterface::NOTE, mb_substr($note, 0, 20) . '…');
            }
            $data[CallInterface::NOTE] = $note;
        }

        return new Call($data);
    }

    /**
     * A routing name as the contract spells it, or null: an invalid one is dropped, not the record
     * (the route is a note on the call, and the PBX already used or refused it).
     *
     * @param string|null $value
     * @param string $pattern
     * @return string|null
     */
    private function routing(?string $value, string $pattern): ?string
    {
        return $value !== null && preg_match($pattern, $value) === 1 ? $value : null;
    }

    /**
     * A short one-line text field, trimmed (null when absent or blank).
     *
     * @param CallInterface $call
     * @param string $field
     * @param int $max characters
     * @return string|null
     * @throws InputException
     */
    private function shortText(CallInterface $call, string $field, int $max): ?string
    {
        $value = $this->get($call, $field);
        if ($value === null) {
            return null;
        }
        $value = trim((string)$value);
        $printable = mb_check_encoding($value, 'UTF-8') && !preg_match('/[\x00-\x1f\x7f]/', $value);
        if (!$printable || mb_strlen($value) > $max) {
            throw $this->invalid($field, mb_scrub(mb_substr($value, 0, 80), 'UTF-8'));
        }
        return $value === '' ? null : $value;
    }

    /**
     * The value of a field through its getter.
     *
     * @param CallInterface $call
     * @param string $field
     * @return mixed
     */
    private function get(CallInterface $call, string $field): mixed
    {
        $getter = 'get' . str_replace('_', '', ucwords($field, '_'));
        return $call->{$getter}();
    }

    /**
     * The error for an invalid field value.
     *
     * @param string $field
     * @param string $value
     * @return InputException
     */
    private function invalid(string $field, string $value): InputException
    {
        return new InputException(__('Invalid value of "%1" provided for the %2 field.', $value, $field));
    }
}
