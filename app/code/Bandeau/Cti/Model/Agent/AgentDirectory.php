<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Agent;

use Bandeau\Cti\Model\LocaleCode;
use Magento\Framework\App\ResourceConnection;

/**
 * The agents: active admin users whose extension AgentProfile accepts. The one place that lists them,
 * for the desk phones (by extension) and the campaign form (by name).
 */
class AgentDirectory
{
    public const BY_EXTENSION = 'extension';
    public const BY_NAME = 'name';

    /**
     * @param ResourceConnection $resource
     * @param AgentProfile $agentProfile
     */
    public function __construct(private ResourceConnection $resource, private AgentProfile $agentProfile)
    {
    }

    /**
     * Active admin users with a valid extension, with their display name and interface locale (null when odd).
     *
     * An extension AgentProfile::normaliseExtension() refuses leaves the user out: no phone could ring it.
     *
     * @param string $order self::BY_EXTENSION (then user id) or self::BY_NAME (first name, last name, user id)
     * @return array<int, array{id: int, name: string, extension: string, locale: ?string}>
     * @throws \InvalidArgumentException on an unknown order
     */
    public function agents(string $order = self::BY_EXTENSION): array
    {
        $connection = $this->resource->getConnection();
        $extension = $connection->quoteIdentifier(AgentProfile::FIELD_EXTENSION);
        $orderBy = match ($order) {
            self::BY_EXTENSION => 'user_id', // then sorted on the normalised extension, below
            self::BY_NAME => 'firstname, lastname, user_id',
            default => throw new \InvalidArgumentException('Unknown agent order ' . $order),
        };
        $rows = $connection->fetchAll(sprintf(
            'SELECT user_id, firstname, lastname, username, interface_locale, %1$s AS extension FROM %2$s'
            . ' WHERE is_active = 1 AND %1$s IS NOT NULL AND %1$s <> \'\' ORDER BY %3$s',
            $extension,
            $connection->quoteIdentifier($this->resource->getTableName('admin_user')),
            $orderBy
        ));
        $agents = [];
        foreach ($rows as $row) {
            $normalised = $this->agentProfile->normaliseExtension($row['extension']);
            if ($normalised === null) {
                continue;
            }
            $locale = (string)$row['interface_locale'];
            $agents[] = [
                'id' => (int)$row['user_id'],
                'name' => $this->agentProfile->displayName($row['firstname'], $row['lastname'], $row['username']),
                'extension' => $normalised,
                'locale' => preg_match(LocaleCode::PATTERN, $locale) === 1 ? $locale : null,
            ];
        }
        if ($order === self::BY_EXTENSION) {
            // The column may hold spaces around an extension: ordered as normalised, as the phones show it.
            usort($agents, static fn (array $a, array $b): int => strcmp($a['extension'], $b['extension'])
                ?: $a['id'] <=> $b['id']);
        }
        return $agents;
    }
}
