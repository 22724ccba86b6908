<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * Gives an agent the next contact to call, so that two agents never hold the same one.
 *
 * Order: the agent's own unexpired claim (a reloaded page gets its contact back), then due
 * callbacks, then fresh contacts, then retries whose delay has passed; campaign by campaign.
 * A claim expires after the claim lifetime, so a closed browser frees its contact.
 * Deadlocks between concurrent claims and outcomes are retried (Tables::retryOnDeadlock()).
 *
 * Two strategies, the same result:
 * - skip_locked (MariaDB >= 10.6, MySQL >= 8.0): SELECT … FOR UPDATE SKIP LOCKED, then UPDATE, in
 *   one transaction: concurrent agents skip each other's rows instead of waiting.
 * - update_limit (older servers): UPDATE … SET claimed_by = ? … ORDER BY … LIMIT 1; the affected
 *   row count says whether the row was won and LAST_INSERT_ID(contact_id) says which.
 */
class ContactClaimer
{
    public const DEFAULT_CLAIM_SECONDS = 900;
    public const SKIP_LOCKED = 'skip_locked';
    public const UPDATE_LIMIT = 'update_limit';

    /**
     * @param Tables $tables
     * @param UtcTime $utcTime
     * @param int $claimSeconds how long a claimed contact stays the agent's
     * @param string|null $strategy SKIP_LOCKED or UPDATE_LIMIT; null = chosen from the server version
     */
    public function __construct(
        private Tables $tables,
        private UtcTime $utcTime,
        private int $claimSeconds = self::DEFAULT_CLAIM_SECONDS,
        private ?string $strategy = null
    ) {
    }

    /**
     * Claims the next due contact for the agent in the given campaigns.
     *
     * @param int $agentId
     * @param int[] $campaignIds campaigns the agent may call now, in order of preference
     * @param int $now
     * @return int|null the claimed contact id, null when nothing is due
     */
    public function claim(int $agentId, array $campaignIds, int $now): ?int
    {
        if ($campaignIds === []) {
            return null;
        }
        $own = $this->ownClaim($agentId, $campaignIds, $now);
        if ($own !== null) {
            return $own;
        }
        $this->tables->retryOnDeadlock(fn () => $this->releaseExpired($campaignIds, $now));
        $nowDb = $this->utcTime->db($now);
        $tiers = [
            [ContactStatus::CALLBACK, 'next_attempt_at <= ?', [$nowDb], 'next_attempt_at, contact_id'],
            [ContactStatus::NEW, 'next_attempt_at IS NULL', [], 'contact_id'],
            [ContactStatus::RETRY, 'next_attempt_at <= ?', [$nowDb], 'next_attempt_at, contact_id'],
        ];
        foreach ($tiers as [$status, $due, $dueBind, $order]) {
            foreach ($campaignIds as $campaignId) {
                // Only unclaimed rows: the (campaign_id, status, claimed_by, next_attempt_at) index
                // keeps other agents' contacts out of the scan, so claims never lock them.
                $where = 'campaign_id = ? AND status = ? AND claimed_by IS NULL AND ' . $due;
                $bind = [(int)$campaignId, $status, ...$dueBind];
                $id = $this->tables->retryOnDeadlock(function () use ($agentId, $where, $bind, $order, $now): ?int {
                    $this->readCommitted();
                    return $this->strategy() === self::SKIP_LOCKED
                        ? $this->claimSkipLocked($agentId, $where, $bind, $order, $now)
                        : $this->claimUpdateLimit($agentId, $where, $bind, $order, $now);
                });
                if ($id !== null) {
                    return $id;
                }
            }
        }
        return null;
    }

    /**
     * Gives a claimed contact back untouched (the agent skipped it).
     *
     * @param int $agentId
     * @param int $contactId
     */
    public function release(int $agentId, int $contactId): bool
    {
        return $this->tables->connection()->query(
            sprintf(
                'UPDATE %s SET claimed_by = NULL, claim_expires_at = NULL WHERE contact_id = ? AND claimed_by = ?',
                $this->tables->name(Tables::CONTACT)
            ),
            [$contactId, $agentId]
        )->rowCount() === 1;
    }

    /**
     * SKIP_LOCKED or UPDATE_LIMIT, chosen once from the server version.
     *
     * @return string
     */
    public function strategy(): string
    {
        if ($this->strategy === null) {
            $version = (string)$this->tables->connection()->fetchOne('SELECT VERSION()');
            $this->strategy = $this->supportsSkipLocked($version) ? self::SKIP_LOCKED : self::UPDATE_LIMIT;
        }
        return $this->strategy;
    }

    /**
     * "10.11.6-MariaDB-0+deb12u1" => true, "10.5.22-MariaDB" => false, "8.0.36" (MySQL) => true.
     *
     * @param string $version
     */
    public function supportsSkipLocked(string $version): bool
    {
        if (!preg_match('/^(\d+)\.(\d+)/', $version, $m)) {
            return false;
        }
        $number = (int)$m[1] * 100 + (int)$m[2];
        return stripos($version, 'mariadb') !== false ? $number >= 1006 : $number >= 800;
    }

    /**
     * Frees the contacts whose claim has expired (a browser closed mid-call).
     *
     * By primary key, so that unexpired claims are never locked.
     *
     * @param array $campaignIds
     * @param int $now
     */
    private function releaseExpired(array $campaignIds, int $now): void
    {
        $connection = $this->tables->connection();
        $table = $this->tables->name(Tables::CONTACT);
        // A plain (non-locking) read first: in the usual case nothing has expired and no row is locked.
        $expired = $connection->fetchCol(
            sprintf(
                'SELECT contact_id FROM %s WHERE claim_expires_at <= ? AND campaign_id IN (%s) LIMIT 500',
                $table,
                $this->tables->placeholders($campaignIds)
            ),
            array_merge([$this->utcTime->db($now)], array_map('intval', $campaignIds))
        );
        if ($expired === []) {
            return;
        }
        $this->readCommitted();
        $connection->query(
            sprintf(
                'UPDATE %s SET claimed_by = NULL, claim_expires_at = NULL'
                . ' WHERE contact_id IN (%s) AND claim_expires_at <= ?',
                $table,
                $this->tables->placeholders($expired)
            ),
            array_merge(array_map('intval', $expired), [$this->utcTime->db($now)])
        );
    }

    /**
     * The claim runs at READ COMMITTED: rows it scans but does not take (claimed by others, being
     * closed by an outcome) are not left locked, and an UPDATE reads their last committed version
     * instead of waiting, which keeps concurrent agents out of each other's way (and deadlocks
     * rare). Applies to the next transaction only.
     */
    private function readCommitted(): void
    {
        try {
            $this->tables->connection()->query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
        } catch (\Throwable $e) {
            // Inside a caller's transaction the level cannot change; the claim is still correct.
            return;
        }
    }

    /**
     * The agent's own unexpired claim, extended (a reloaded page gets its contact back).
     *
     * @param int $agentId
     * @param array $campaignIds
     * @param int $now
     * @return int|null
     */
    private function ownClaim(int $agentId, array $campaignIds, int $now): ?int
    {
        $connection = $this->tables->connection();
        $id = $connection->fetchOne(
            sprintf(
                'SELECT contact_id FROM %s WHERE claimed_by = ? AND claim_expires_at > ? AND status <> ?'
                . ' AND campaign_id IN (%s) ORDER BY contact_id LIMIT 1',
                $this->tables->name(Tables::CONTACT),
                $this->tables->placeholders($campaignIds)
            ),
            array_merge([$agentId, $this->utcTime->db($now), ContactStatus::DONE], array_map('intval', $campaignIds))
        );
        if ($id === false || $id === null) {
            return null;
        }
        $connection->query(
            sprintf(
                'UPDATE %s SET claim_expires_at = ? WHERE contact_id = ? AND claimed_by = ?',
                $this->tables->name(Tables::CONTACT)
            ),
            [$this->utcTime->db($now + $this->claimSeconds), (int)$id, $agentId]
        );
        return (int)$id;
    }

    /**
     * Claims one contact with SELECT … FOR UPDATE SKIP LOCKED, then UPDATE, in a transaction.
     *
     * @param int $agentId
     * @param string $where
     * @param array $bind
     * @param string $order
     * @param int $now
     * @return int|null
     */
    private function claimSkipLocked(int $agentId, string $where, array $bind, string $order, int $now): ?int
    {
        $connection = $this->tables->connection();
        $table = $this->tables->name(Tables::CONTACT);
        $connection->beginTransaction();
        try {
            $id = $connection->fetchOne(
                sprintf(
                    'SELECT contact_id FROM %s WHERE %s ORDER BY %s LIMIT 1 FOR UPDATE SKIP LOCKED',
                    $table,
                    $where,
                    $order
                ),
                $bind
            );
            if ($id !== false && $id !== null) {
                $connection->query(
                    sprintf('UPDATE %s SET claimed_by = ?, claim_expires_at = ? WHERE contact_id = ?', $table),
                    [$agentId, $this->utcTime->db($now + $this->claimSeconds), (int)$id]
                );
            }
            $connection->commit();
        } catch (\Throwable $e) {
            $connection->rollBack();
            throw $e;
        }
        return $id === false || $id === null ? null : (int)$id;
    }

    /**
     * Claims one contact with UPDATE … LIMIT 1; LAST_INSERT_ID() says which.
     *
     * @param int $agentId
     * @param string $where
     * @param array $bind
     * @param string $order
     * @param int $now
     * @return int|null
     */
    private function claimUpdateLimit(int $agentId, string $where, array $bind, string $order, int $now): ?int
    {
        $connection = $this->tables->connection();
        $won = $connection->query(
            sprintf(
                'UPDATE %s SET contact_id = LAST_INSERT_ID(contact_id), claimed_by = ?, claim_expires_at = ?'
                . ' WHERE %s ORDER BY %s LIMIT 1',
                $this->tables->name(Tables::CONTACT),
                $where,
                $order
            ),
            array_merge([$agentId, $this->utcTime->db($now + $this->claimSeconds)], $bind)
        )->rowCount();
        if ($won !== 1) {
            return null;
        }
        return (int)$connection->fetchOne('SELECT LAST_INSERT_ID()');
    }
}
