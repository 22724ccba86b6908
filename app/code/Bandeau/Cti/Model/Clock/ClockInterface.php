<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Clock;

/**
 * Current time as Unix seconds; injectable so tests can fix the time.
 */
interface ClockInterface
{
    /**
     * The current Unix time.
     *
     * @return int
     */
    public function now(): int;
}
