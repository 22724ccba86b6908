<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Magento\Framework\Exception\InputException;

/**
 * Records what came of a call to a campaign contact and decides what happens to it next:
 * no answer => retry after the campaign's delay until the maximum attempts; callback => due
 * again at the agreed time; every other outcome closes the contact. Frees the agent's claim.
 */
class OutcomeRecorder
{
    public const MAX_NOTE_LENGTH = 65535;
    public const MAX_CALLBACK_DAYS = 90;

    /**
     * @param Tables $tables
     * @param CampaignRepository $repository
     * @param OptOut $optOut
     * @param UtcTime $utcTime
     * @param ContactEvents $events
     */
    public function __construct(
        private Tables $tables,
        private CampaignRepository $repository,
        private OptOut $optOut,
        private UtcTime $utcTime,
        private ContactEvents $events
    ) {
    }

    /**
     * Records the outcome of a call to a contact the agent holds and decides what happens next.
     *
     * @param int $agentId
     * @param int $contactId
     * @param string $outcome
     * @param string $note
     * @param string|null $callbackAt ISO-8601 date-time (with offset), required for "callback"
     * @param string|null $callId the call log id of the call, linked to the campaign
     * @param int $now
     * @param bool $optOut the customer asked not to be called again
     * @return array{contactId: int, status: string, outcome: string, attempts: int, maxAttempts: int,
     *     nextAttemptAt: ?string}
     */
    public function record(
        int $agentId,
        int $contactId,
        string $outcome,
        string $note,
        ?string $callbackAt,
        ?string $callId,
        int $now,
        bool $optOut = false
    ): array {
        if (!in_array($outcome, ContactStatus::OUTCOMES, true)) {
            throw new InputException(__('Unknown outcome "%1".', $outcome));
        }
        if (strlen($note) > self::MAX_NOTE_LENGTH) {
            throw new InputException(__('The note is too long.'));
        }
        $callbackTime = $outcome === ContactStatus::OUTCOME_CALLBACK ? $this->callbackTime($callbackAt, $now) : null;
        $callId = $callId !== null && trim($callId) !== '' ? mb_substr(trim($callId), 0, 128) : null;

        [$contact, $campaign, $status, $attempts, $next] = $this->tables->retryOnDeadlock(
            fn (): array => $this->write($agentId, $contactId, $outcome, $note, $callId, $now, $callbackTime)
        );
        if ($optOut) {
            $this->optOut->optOut((int)$contact['customer_id'], $agentId);
        }
        return [
            'contactId' => $contactId,
            'status' => $status,
            'outcome' => $outcome,
            'attempts' => $attempts,
            'maxAttempts' => $campaign->maxAttempts,
            'nextAttemptAt' => $this->utcTime->iso($next),
        ];
    }

    /**
     * One transaction: lock the contact, check it is the agent's, write the outcome, link the call.
     *
     * @param int $agentId
     * @param int $contactId
     * @param string $outcome
     * @param string $note
     * @param string|null $callId
     * @param int $now
     * @param int|null $callbackTime
     * @return array{0: array, 1: Campaign, 2: string, 3: int, 4: ?string}
     */
    private function write(
        int $agentId,
        int $contactId,
        string $outcome,
        string $note,
        ?string $callId,
        int $now,
        ?int $callbackTime
    ): array {
        $connection = $this->tables->connection();
        $table = $this->tables->name(Tables::CONTACT);
        $connection->beginTransaction();
        try {
            $contact = $connection->fetchRow(
                sprintf('SELECT * FROM %s WHERE contact_id = ? FOR UPDATE', $table),
                [$contactId]
            );
            // Only while the agent holds the claim (claimExpiresAt in the "next" answer).
            if (!$contact || (int)$contact['claimed_by'] !== $agentId || $contact['status'] === ContactStatus::DONE) {
                throw new ContactUnavailableException(__('This contact is not assigned to you any more.'));
            }
            $campaign = $this->repository->get((int)$contact['campaign_id']);
            $attempts = (int)$contact['attempts'] + 1;
            [$status, $next] = $this->nextStep($outcome, $attempts, $campaign, $now, $callbackTime);
            $nowDb = $this->utcTime->db($now);
            $reached = in_array($outcome, ContactStatus::REACHED, true);
            $connection->query(
                sprintf(
                    'UPDATE %s SET status = ?, attempts = ?, next_attempt_at = ?, claimed_by = NULL,'
                    . ' claim_expires_at = NULL, last_outcome = ?, last_note = ?,'
                    . ' last_call_id = COALESCE(?, last_call_id),'
                    . ' last_agent_id = ?, first_contacted_at = COALESCE(first_contacted_at, ?), last_contacted_at = ?,'
                    . ' reached_at = CASE WHEN ? = 1 THEN COALESCE(reached_at, ?) ELSE reached_at END'
                    . ' WHERE contact_id = ?',
                    $table
                ),
                [
                    $status, $attempts, $next, $outcome, $note === '' ? null : $note, $callId,
                    $agentId, $nowDb, $nowDb, (int)$reached, $nowDb, $contactId,
                ]
            );
            $this->events->add(
                (int)$contact['campaign_id'],
                $contactId,
                $agentId,
                ContactEvents::TYPE_OUTCOME,
                $now,
                $outcome,
                null,
                $callId
            );
            if ($callId !== null) {
                $connection->query(
                    sprintf(
                        'UPDATE %s SET campaign_id = ?, customer_id = COALESCE(customer_id, ?) WHERE call_id = ?',
                        $this->tables->name('bandeau_call')
                    ),
                    [$campaign->id, (int)$contact['customer_id'], $callId]
                );
            }
            $connection->commit();
        } catch (\Throwable $e) {
            $connection->rollBack();
            throw $e;
        }
        return [$contact, $campaign, $status, $attempts, $next];
    }

    /**
     * The contact's new status and when it is due again.
     *
     * @param string $outcome
     * @param int $attempts
     * @param Campaign $campaign
     * @param int $now
     * @param int|null $callbackTime
     * @return array{0: string, 1: ?string} new status and when the contact is due again (UTC)
     */
    private function nextStep(string $outcome, int $attempts, Campaign $campaign, int $now, ?int $callbackTime): array
    {
        if ($outcome === ContactStatus::OUTCOME_CALLBACK) {
            return [ContactStatus::CALLBACK, $this->utcTime->db((int)$callbackTime)];
        }
        if ($outcome === ContactStatus::NO_ANSWER && $attempts < $campaign->maxAttempts) {
            return [ContactStatus::RETRY, $this->utcTime->db($now + $campaign->retryDelayMinutes * 60)];
        }
        return [ContactStatus::DONE, null];
    }

    /**
     * The agreed callback time, which must lie in the next MAX_CALLBACK_DAYS days.
     *
     * @param string|null $callbackAt
     * @param int $now
     * @return int
     */
    private function callbackTime(?string $callbackAt, int $now): int
    {
        $value = trim((string)$callbackAt);
        if (!preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/', $value)) {
            throw new InputException(__('A callback needs a date and time (callbackAt, ISO-8601 with time zone).'));
        }
        try {
            $time = new \DateTimeImmutable($value);
        } catch (\Exception $e) {
            throw new InputException(__('A callback needs a date and time (callbackAt, ISO-8601 with time zone).'));
        }
        $timestamp = $time->getTimestamp();
        if ($timestamp <= $now || $timestamp > $now + self::MAX_CALLBACK_DAYS * 86400) {
            throw new InputException(__('The callback time must be in the next %1 days.', self::MAX_CALLBACK_DAYS));
        }
        return $timestamp;
    }
}
