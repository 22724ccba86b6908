<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Clock;

class SystemClock implements ClockInterface
{
    public function now(): int
    {
        return time();
    }
}
