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
     * Active admin users with a valid extension, by extension, with their interface locale (null when odd).
     *
     * @return array<int, array{user_id: int, name: string, extension: string, locale: ?string}>
     */
    public function agents(): array
    {
        $connection = $this->resource->getConnection();
        $rows = $connection->fetchAll(sprintf(
            'SELECT user_id, firstname, lastname, username, interface_locale, %1$s AS extension FROM %2$s'
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
                'locale' => preg_match('/^[a-z]{2,3}_[A-Za-z]{2,4}$/', (string)$row['interface_locale']) === 1
                    ? (string)$row['interface_locale'] : null,
            ];
        }
        return $agents;
    }

    /**
     * Everyone with an extension: the agents, then the configured lines whose extension is not an agent's.
     * An agent's phone shows its pages in the agent's admin locale; a staff line's in the bridge's language.
     *
     * @return array<int, array{name: string, extension: string, agent: bool, locale: ?string}>
     */
    public function extensions(): array
    {
        $all = [];
        $seen = [];
        foreach ($this->agents() as $agent) {
            $all[] = [
                'name' => $agent['name'], 'extension' => $agent['extension'], 'agent' => true,
                'locale' => $agent['locale'],
            ];
            $seen[$agent['extension']] = true;
        }
        foreach ($this->config->getStaffLines() as [$name, $extension]) {
            if (!isset($seen[$extension])) {
                $all[] = ['name' => $name, 'extension' => $extension, 'agent' => false, 'locale' => null];
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
