<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\DeskPhone;

use Bandeau\Cti\Model\Agent\AgentDirectory;
use Bandeau\Cti\Model\DeskPhone\Data\PhonebookStaff;

/**
 * Who has a desk phone: the active admin users with an extension (the agents), and the staff list
 * of the configuration (desks, ring groups).
 */
class StaffDirectory
{
    /**
     * @param AgentDirectory $agentDirectory
     * @param DeskPhoneConfig $config
     */
    public function __construct(private AgentDirectory $agentDirectory, private DeskPhoneConfig $config)
    {
    }

    /**
     * Everyone with an extension: the agents (by extension), then the configured lines whose extension
     * is not an agent's. An agent's phone shows its pages in the agent's admin locale; a staff line's in
     * the bridge's language.
     *
     * @return array<int, array{name: string, extension: string, agent: bool, locale: ?string}>
     */
    public function extensions(): array
    {
        $all = [];
        $seen = [];
        foreach ($this->agentDirectory->agents(AgentDirectory::BY_EXTENSION) as $agent) {
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
