<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Bridge;

/**
 * Agent token ids: microseconds since the epoch, strictly growing within a process, so a user's
 * later tokens have higher ids (the bridge refuses an older one, and every id below a revocation's
 * "not before"). Across web nodes the ids are as ordered as the nodes' clocks (NTP).
 */
class TokenIdClock
{
    /**
     * @var int
     */
    private static int $last = 0;

    /**
     * The next token id (the state is per process: every instance continues the same sequence).
     *
     * @return int
     */
    public function next(): int
    {
        [$fraction, $seconds] = explode(' ', microtime());
        $now = (int)$seconds * 1000000 + (int)round((float)$fraction * 1000000);
        self::$last = max(self::$last + 1, $now);
        return self::$last;
    }
}
