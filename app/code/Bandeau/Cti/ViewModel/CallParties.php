<?php

declare(strict_types=1);

namespace Bandeau\Cti\ViewModel;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Stdlib\DateTime\TimezoneInterface;
use Magento\Framework\View\Element\Block\ArgumentInterface;

/**
 * Who and when, as a supervisor reads the call history: the start in the admin's locale and the
 * store's time zone, the number in national format, the agent by name rather than extension.
 */
class CallParties implements ArgumentInterface
{
    /**
     * @var array<int, string> admin user id => "Alice Martin"
     */
    private array $names = [];

    /**
     * @param ResourceConnection $resource
     * @param TimezoneInterface $timezone
     * @param PhoneNormaliser $normaliser
     * @param Config $config
     */
    public function __construct(
        private ResourceConnection $resource,
        private TimezoneInterface $timezone,
        private PhoneNormaliser $normaliser,
        private Config $config
    ) {
    }

    /**
     * Loads the names of the agents of the listed calls in one query.
     *
     * @param CallInterface[] $calls
     * @return void
     */
    public function prepare(array $calls): void
    {
        $ids = [];
        foreach ($calls as $call) {
            $id = $call->getAgentUserId();
            if ($id !== null && !isset($this->names[$id])) {
                $ids[$id] = $id;
            }
        }
        if ($ids === []) {
            return;
        }
        $connection = $this->resource->getConnection();
        $rows = $connection->fetchAll(
            sprintf(
                'SELECT user_id, firstname, lastname FROM %s WHERE user_id IN (%s)',
                $connection->quoteIdentifier($this->resource->getTableName('admin_user')),
                implode(', ', array_fill(0, count($ids), '?'))
            ),
            array_values($ids)
        );
        foreach ($rows as $row) {
            $name = trim((string)$row['firstname'] . ' ' . (string)$row['lastname']);
            if ($name !== '') {
                $this->names[(int)$row['user_id']] = $name;
            }
        }
    }

    /**
     * "Alice Martin"; "Extension 1001" when the user is gone or has no name; '' when nobody took it.
     *
     * @param CallInterface $call
     * @return string
     */
    public function getAgent(CallInterface $call): string
    {
        $id = $call->getAgentUserId();
        if ($id !== null && isset($this->names[$id])) {
            return $this->names[$id];
        }
        $extension = (string)$call->getAgentExtension();
        return $extension === '' ? '' : (string)__('Extension %1', $extension);
    }

    /**
     * The other party's number as agents read it ("06 12 34 56 78" for a French shop).
     *
     * @param CallInterface $call
     * @return string
     */
    public function getNumber(CallInterface $call): string
    {
        $number = $call->getDirection() === 'outbound' ? $call->getTo() : $call->getFrom();
        if ($number === null || $number === '') {
            return (string)__('(anonymised)');
        }
        return str_starts_with($number, '+')
            ? $this->normaliser->toDisplay($number, $this->config->getDefaultCountry())
            : $number;
    }

    /**
     * The start of the call in the admin's locale and the store's time zone ("Nov 30, 2026, 4:50 PM").
     *
     * @param CallInterface $call
     * @return string
     */
    public function getStartedAt(CallInterface $call): string
    {
        $at = (string)$call->getStartedAt();
        try {
            // In UTC by name: Magento then shows it in the store's zone (a "Z" zone would be kept as is).
            return (string)$this->timezone->formatDateTime(
                (new \DateTimeImmutable($at))->setTimezone(new \DateTimeZone('UTC')),
                \IntlDateFormatter::MEDIUM,
                \IntlDateFormatter::SHORT
            );
        } catch (\Exception $e) {
            return $at;
        }
    }
}
