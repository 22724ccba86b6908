<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * Campaign times are stored as UTC DATETIME strings and sent to the browser as ISO-8601 UTC.
 */
class UtcTime
{
    public const DB_FORMAT = 'Y-m-d H:i:s';

    /**
     * Formats a Unix time as the UTC DATETIME string the campaign tables store.
     *
     * @param int $timestamp
     * @return string
     */
    public function db(int $timestamp): string
    {
        return gmdate(self::DB_FORMAT, $timestamp);
    }

    /**
     * Turns a stored UTC DATETIME into ISO-8601 ("2024-05-01T12:00:00Z") for JSON; null stays null.
     *
     * @param string|null $dbValue
     * @return string|null
     */
    public function iso(?string $dbValue): ?string
    {
        if ($dbValue === null || $dbValue === '') {
            return null;
        }
        return (new \DateTimeImmutable($dbValue, new \DateTimeZone('UTC')))->format('Y-m-d\TH:i:s\Z');
    }

    /**
     * Reads a stored UTC DATETIME back as a Unix time.
     *
     * @param string $dbValue
     * @return int
     */
    public function timestamp(string $dbValue): int
    {
        return (new \DateTimeImmutable($dbValue, new \DateTimeZone('UTC')))->getTimestamp();
    }
}
