<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Magento\Framework\Exception\InputException;
use Magento\Framework\Phrase;

/**
 * An agent passes on the contact they hold, with a reason, without calling it:
 * - skip: the contact goes to the back of the queue (due now, after every fresh contact and
 *   every retry that was due before it), free for whoever asks next;
 * - snooze: the contact comes back at the chosen time, not before (the claim skips it until then).
 * Neither counts as a call attempt; both are kept with their reason (bandeau_campaign_event).
 */
class ContactDeferral
{
    public const MAX_REASON_LENGTH = 255;
    public const MAX_SNOOZE_DAYS = OutcomeRecorder::MAX_CALLBACK_DAYS;

    /**
     * @param Tables $tables
     * @param ContactEvents $events
     * @param UtcTime $utcTime
     */
    public function __construct(
        private Tables $tables,
        private ContactEvents $events,
        private UtcTime $utcTime
    ) {
    }

    /**
     * Puts the agent's contact at the back of the queue.
     *
     * @param int $agentId
     * @param int $contactId
     * @param string $reason
     * @param int $now
     * @return array{contactId: int, status: string, nextAttemptAt: ?string}
     * @throws InputException
     * @throws ContactUnavailableException
     */
    public function skip(int $agentId, int $contactId, string $reason, int $now): array
    {
        $reason = $this->reason($reason, __('Say why you skip this contact.'));
        return $this->defer($agentId, $contactId, ContactEvents::TYPE_SKIP, $reason, $now, $now);
    }

    /**
     * Keeps the agent's contact away until $until.
     *
     * @param int $agentId
     * @param int $contactId
     * @param string $reason
     * @param string|null $until ISO-8601 date-time with its offset
     * @param int $now
     * @return array{contactId: int, status: string, nextAttemptAt: ?string}
     * @throws InputException
     * @throws ContactUnavailableException
     */
    public function snooze(int $agentId, int $contactId, string $reason, ?string $until, int $now): array
    {
        $reason = $this->reason($reason, __('Say why you snooze this contact.'));
        $time = $this->until($until, $now);
        return $this->defer($agentId, $contactId, ContactEvents::TYPE_SNOOZE, $reason, $time, $now);
    }

    /**
     * One transaction: lock the contact, check the agent holds it, move it, record why.
     *
     * @param int $agentId
     * @param int $contactId
     * @param string $type
     * @param string $reason
     * @param int $dueAt
     * @param int $now
     * @return array{contactId: int, status: string, nextAttemptAt: ?string}
     */
    private function defer(int $agentId, int $contactId, string $type, string $reason, int $dueAt, int $now): array
    {
        $work = function () use ($agentId, $contactId, $type, $reason, $dueAt, $now): array {
            $connection = $this->tables->connection();
            $table = $this->tables->name(Tables::CONTACT);
            $connection->beginTransaction();
            try {
                $contact = $connection->fetchRow(
                    sprintf('SELECT * FROM %s WHERE contact_id = ? FOR UPDATE', $table),
                    [$contactId]
                );
                $held = $contact && (int)$contact['claimed_by'] === $agentId
                    && $contact['status'] !== ContactStatus::DONE;
                if (!$held) {
                    throw new ContactUnavailableException(__('This contact is not assigned to you any more.'));
                }
                // A callback stays a callback (its agreed time moves); anything else waits as a retry.
                $status = $contact['status'] === ContactStatus::CALLBACK && $type === ContactEvents::TYPE_SNOOZE
                    ? ContactStatus::CALLBACK
                    : ContactStatus::RETRY;
                $connection->query(
                    sprintf(
                        'UPDATE %s SET status = ?, next_attempt_at = ?, claimed_by = NULL, claim_expires_at = NULL'
                        . ' WHERE contact_id = ?',
                        $table
                    ),
                    [$status, $this->utcTime->db($dueAt), $contactId]
                );
                $this->events->add(
                    (int)$contact['campaign_id'],
                    $contactId,
                    $agentId,
                    $type,
                    $now,
                    null,
                    $reason,
                    null,
                    $type === ContactEvents::TYPE_SNOOZE ? $dueAt : null
                );
                $connection->commit();
            } catch (\Throwable $e) {
                $connection->rollBack();
                throw $e;
            }
            return [
                'contactId' => $contactId,
                'status' => $status,
                'nextAttemptAt' => $this->utcTime->iso($this->utcTime->db($dueAt)),
            ];
        };
        return $this->tables->retryOnDeadlock($work);
    }

    /**
     * The reason, one line, at most MAX_REASON_LENGTH characters; required.
     *
     * @param string $reason
     * @param Phrase $missing the sentence when there is none
     * @return string
     * @throws InputException
     */
    private function reason(string $reason, Phrase $missing): string
    {
        $reason = trim((string)preg_replace('/[\x00-\x1F\x7F]+/u', ' ', $reason));
        if ($reason === '') {
            throw new InputException($missing);
        }
        if (mb_strlen($reason) > self::MAX_REASON_LENGTH) {
            throw new InputException(__('The reason is too long (at most %1 characters).', self::MAX_REASON_LENGTH));
        }
        return $reason;
    }

    /**
     * When a snoozed contact comes back: ahead, within MAX_SNOOZE_DAYS.
     *
     * @param string|null $until
     * @param int $now
     * @return int
     * @throws InputException
     */
    private function until(?string $until, int $now): int
    {
        $value = trim((string)$until);
        $time = null;
        if (preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i', $value)) {
            try {
                $time = (new \DateTimeImmutable($value))->getTimestamp();
            } catch (\Exception $e) {
                $time = null;
            }
        }
        if ($time === null) {
            throw new InputException(__('Choose until when to snooze this contact.'));
        }
        if ($time <= $now || $time > $now + self::MAX_SNOOZE_DAYS * 86400) {
            throw new InputException(__('A contact can be snoozed for up to %1 days.', self::MAX_SNOOZE_DAYS));
        }
        return $time;
    }
}
