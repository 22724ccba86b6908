<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * Campaign times are stored as UTC DATETIME strings and sent to the browser as ISO-8601 UTC.
 */
class UtcTime
{
    public const DB_FORMAT = 'Y-m-d H:i:s';

    public static function db(int $timestamp): string
    {
        return gmdate(self::DB_FORMAT, $timestamp);
    }

    public static function iso(?string $dbValue): ?string
    {
        if ($dbValue === null || $dbValue === '') {
            return null;
        }
        return (new \DateTimeImmutable($dbValue, new \DateTimeZone('UTC')))->format('Y-m-d\TH:i:s\Z');
    }

    public static function timestamp(string $dbValue): int
    {
        return (new \DateTimeImmutable($dbValue, new \DateTimeZone('UTC')))->getTimestamp();
    }
}
