<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Clock;

/**
 * A clock stopped at a given Unix time (tests, command-line tools).
 */
class FixedClock implements ClockInterface
{
    /**
     * @param int $now
     */
    public function __construct(private int $now)
    {
    }

    /**
     * The time the clock was set to.
     *
     * @return int
     */
    public function now(): int
    {
        return $this->now;
    }
}
