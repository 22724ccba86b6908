<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

/**
 * A PDO adapter that runs a callback once, right after a query containing a marker has found a row,
 * while that connection's transaction is still open: it interleaves two connections at the
 * exact point where a race would happen.
 */
class CampaignHookAdapter extends PdoAdapter
{
    private ?\Closure $hook = null;
    private string $marker = '';

    public function onceAfter(string $marker, \Closure $hook): void
    {
        $this->marker = $marker;
        $this->hook = $hook;
    }

    public function fetchOne($sql, $bind = [])
    {
        $result = parent::fetchOne($sql, $bind);
        if ($this->hook !== null && $result !== false && str_contains((string)$sql, $this->marker)) {
            $hook = $this->hook;
            $this->hook = null;
            $hook();
        }
        return $result;
    }

    public function query($sql, $bind = [])
    {
        $statement = parent::query($sql, $bind);
        if (
            $this->hook !== null && str_starts_with((string)$sql, 'UPDATE') && $statement->rowCount() === 1
            && str_contains((string)$sql, $this->marker)
        ) {
            $hook = $this->hook;
            $this->hook = null;
            $hook();
        }
        return $statement;
    }

    /**
     * A second connection to the database $db works in.
     */
    public static function sameDatabaseAs(PdoAdapter $db): self
    {
        $dsn = getenv('BANDEAU_TEST_DSN') ?: \Bandeau\Cti\Test\Sql\SqlTestCase::DEFAULT_DSN;
        $other = new self(PdoAdapter::fromUrl($dsn)->getPdo());
        $other->getPdo()->exec('USE `' . str_replace('`', '', (string)$db->fetchOne('SELECT DATABASE()')) . '`');
        return $other;
    }
}
