<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Magento\Framework\App\ResourceConnection;
use Magento\Framework\DB\Adapter\AdapterInterface;

/**
 * The campaign tables and the connection they live on; every campaign query goes through here.
 */
class Tables
{
    public const CAMPAIGN = 'bandeau_campaign';
    public const AGENT = 'bandeau_campaign_agent';
    public const CONTACT = 'bandeau_campaign_contact';
    public const BUILD = 'bandeau_campaign_build';
    public const OPTOUT = 'bandeau_call_optout';
    public const EVENT = 'bandeau_campaign_event';

    /**
     * @param ResourceConnection $resource
     */
    public function __construct(private ResourceConnection $resource)
    {
    }

    /**
     * The database connection of the campaign tables.
     *
     * @return AdapterInterface
     */
    public function connection(): AdapterInterface
    {
        return $this->resource->getConnection();
    }

    /**
     * The quoted, prefixed name of a table.
     *
     * @param string $table
     */
    public function name(string $table): string
    {
        return $this->connection()->quoteIdentifier($this->resource->getTableName($table));
    }

    /**
     * The prefixed name, unquoted (for adapter methods that quote it themselves).
     *
     * @param string $table
     */
    public function rawName(string $table): string
    {
        return $this->resource->getTableName($table);
    }

    /**
     * Runs $work, again when the server chose it as a deadlock victim or a lock wait timed out.
     *
     * Up to $attempts times, after a short random pause; concurrent claims make both possible.
     *
     * @param callable $work
     * @param int $attempts
     * @template T
     * @return T
     */
    public function retryOnDeadlock(callable $work, int $attempts = 8): mixed
    {
        for ($attempt = 1;; $attempt++) {
            try {
                return $work();
            } catch (\Throwable $e) {
                if ($attempt >= $attempts || !$this->isDeadlock($e)) {
                    throw $e;
                }
                usleep(random_int(1000, 20000) * $attempt);
            }
        }
    }

    /**
     * Whether the error (or one it wraps) is a deadlock or a lock wait timeout, worth retrying.
     *
     * @param \Throwable $e
     * @return bool
     */
    public function isDeadlock(\Throwable $e): bool
    {
        for (; $e !== null; $e = $e->getPrevious()) {
            $message = $e->getMessage();
            $class = get_class($e);
            $deadlock = str_contains($message, 'Deadlock found') || str_contains($message, 'Lock wait timeout')
                || str_contains($message, ' 1213 ') || str_contains($message, ' 1205 ')
                || str_ends_with($class, 'DeadlockException') || str_ends_with($class, 'LockWaitException');
            if ($deadlock) {
                return true;
            }
        }
        return false;
    }

    /**
     * "?, ?, ?" for an IN list of as many values.
     *
     * @param array $values
     * @return string
     */
    public function placeholders(array $values): string
    {
        return implode(', ', array_fill(0, count($values), '?'));
    }
}
