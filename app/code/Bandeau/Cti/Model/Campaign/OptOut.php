<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * Customers who asked not to be called by campaigns (bandeau_call_optout). Opting out also
 * closes the customer's pending campaign contacts.
 */
class OptOut
{
    /**
     * @param Tables $tables
     */
    public function __construct(private Tables $tables)
    {
    }

    /**
     * Whether the customer asked not to be called by campaigns.
     *
     * @param int $customerId
     * @return bool
     */
    public function isOptedOut(int $customerId): bool
    {
        return (bool)$this->tables->connection()->fetchOne(
            sprintf('SELECT 1 FROM %s WHERE customer_id = ?', $this->tables->name(Tables::OPTOUT)),
            [$customerId]
        );
    }

    /**
     * Records the opt-out and closes the customer's pending campaign contacts.
     *
     * @param int $customerId
     * @param int|null $adminUserId
     */
    public function optOut(int $customerId, ?int $adminUserId): void
    {
        $connection = $this->tables->connection();
        $connection->beginTransaction();
        try {
            $connection->query(
                sprintf(
                    'INSERT INTO %s (customer_id, admin_user_id) SELECT entity_id, ? FROM %s WHERE entity_id = ?'
                    . ' ON DUPLICATE KEY UPDATE customer_id = customer_id',
                    $this->tables->name(Tables::OPTOUT),
                    $this->tables->name('customer_entity')
                ),
                [$adminUserId, $customerId]
            );
            $connection->query(
                sprintf(
                    'UPDATE %s SET status = ?, last_outcome = ?, next_attempt_at = NULL, claimed_by = NULL,'
                    . ' claim_expires_at = NULL WHERE customer_id = ? AND status <> ?',
                    $this->tables->name(Tables::CONTACT)
                ),
                [ContactStatus::DONE, ContactStatus::OPTED_OUT, $customerId, ContactStatus::DONE]
            );
            $connection->commit();
        } catch (\Throwable $e) {
            $connection->rollBack();
            throw $e;
        }
    }

    /**
     * Lets campaigns call the customer again.
     *
     * @param int $customerId
     */
    public function optIn(int $customerId): void
    {
        $this->tables->connection()->query(
            sprintf('DELETE FROM %s WHERE customer_id = ?', $this->tables->name(Tables::OPTOUT)),
            [$customerId]
        );
    }
}
