<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Clock;

class SystemClock implements ClockInterface
{
    /**
     * The current Unix time, from the system clock.
     *
     * @return int
     */
    public function now(): int
    {
        return time();
    }
}
