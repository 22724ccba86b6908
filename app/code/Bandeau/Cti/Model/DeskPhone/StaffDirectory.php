<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\DeskPhone;

use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\DeskPhone\Data\PhonebookStaff;
use Magento\Framework\App\ResourceConnection;

/**
 * Who has a desk phone: the active admin users with an extension (the agents), and the staff list
 * of the configuration (desks, ring groups).
 */
class StaffDirectory
{
    /**
     * @param ResourceConnection $resource
     * @param AgentProfile $agentProfile
     * @param DeskPhoneConfig $config
     */
    public function __construct(
        private ResourceConnection $resource,
        private AgentProfile $agentProfile,
        private DeskPhoneConfig $config
    ) {
    }

    /**
     * Active admin users with a valid extension, by extension.
     *
     * @return array<int, array{user_id: int, name: string, extension: string}>
     */
    public function agents(): array
    {
        $connection = $this->resource->getConnection();
        $rows = $connection->fetchAll(sprintf(
            'SELECT user_id, firstname, lastname, username, %1$s AS extension FROM %2$s'
            . ' WHERE is_active = 1 AND %1$s IS NOT NULL AND %1$s <> \'\' ORDER BY %1$s, user_id',
            $connection->quoteIdentifier(AgentProfile::FIELD_EXTENSION),
            $connection->quoteIdentifier($this->resource->getTableName('admin_user'))
        ));
        $agents = [];
        foreach ($rows as $row) {
            $extension = $this->agentProfile->normaliseExtension($row['extension']);
            if ($extension === null) {
                continue;
            }
            $agents[] = [
                'user_id' => (int)$row['user_id'],
                'name' => $this->agentProfile->displayName($row['firstname'], $row['lastname'], $row['username']),
                'extension' => $extension,
            ];
        }
        return $agents;
    }

    /**
     * Everyone with an extension: the agents, then the configured lines whose extension is not an agent's.
     *
     * @return array<int, array{name: string, extension: string, agent: bool}>
     */
    public function extensions(): array
    {
        $all = [];
        $seen = [];
        foreach ($this->agents() as $agent) {
            $all[] = ['name' => $agent['name'], 'extension' => $agent['extension'], 'agent' => true];
            $seen[$agent['extension']] = true;
        }
        foreach ($this->config->getStaffLines() as [$name, $extension]) {
            if (!isset($seen[$extension])) {
                $all[] = ['name' => $name, 'extension' => $extension, 'agent' => false];
                $seen[$extension] = true;
            }
        }
        return $all;
    }

    /**
     * The phone book's staff (extensions()).
     *
     * @return PhonebookStaff[]
     */
    public function phonebookStaff(): array
    {
        return array_map(
            static fn (array $one): PhonebookStaff => new PhonebookStaff($one['name'], $one['extension']),
            $this->extensions()
        );
    }
}
