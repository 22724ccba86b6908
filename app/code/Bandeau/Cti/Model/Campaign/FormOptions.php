<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Bandeau\Cti\Model\Agent\AgentDirectory;

/**
 * The choices of the "New campaign" form: customer groups, store views, agents, time zones.
 */
class FormOptions
{
    /**
     * @param Tables $tables
     * @param AgentDirectory $agentDirectory
     */
    public function __construct(private Tables $tables, private AgentDirectory $agentDirectory)
    {
    }

    /**
     * The customer groups a campaign may target (NOT LOGGED IN left out).
     *
     * @return array<int, string> id => label
     */
    public function customerGroups(): array
    {
        return $this->pairs(sprintf(
            'SELECT customer_group_id, customer_group_code FROM %s WHERE customer_group_id > 0'
            . ' ORDER BY customer_group_code',
            $this->tables->name('customer_group')
        ));
    }

    /**
     * The store views a campaign may target.
     *
     * @return array<int, string> id => label
     */
    public function stores(): array
    {
        return $this->pairs(sprintf(
            'SELECT store_id, name FROM %s WHERE store_id > 0 ORDER BY name',
            $this->tables->name('store')
        ));
    }

    /**
     * The agents a campaign may be given, by name, labelled "Name (extension)".
     *
     * @return array<int, string> id => "Name (extension)"
     */
    public function agents(): array
    {
        $agents = [];
        foreach ($this->agentDirectory->agents(AgentDirectory::BY_NAME) as $agent) {
            $agents[$agent['id']] = $agent['name'] . ' (' . $agent['extension'] . ')';
        }
        return $agents;
    }

    /**
     * The time zones calling hours may be given in.
     *
     * @return string[]
     */
    public function timezones(): array
    {
        return \DateTimeZone::listIdentifiers();
    }

    /**
     * The first two columns of a query as id => label.
     *
     * @param string $sql
     * @return array
     */
    private function pairs(string $sql): array
    {
        $pairs = [];
        foreach ($this->tables->connection()->fetchAll($sql) as $row) {
            $values = array_values($row);
            $pairs[(int)$values[0]] = (string)$values[1];
        }
        return $pairs;
    }
}
