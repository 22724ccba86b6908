<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Queue;

use Psr\Log\AbstractLogger;

/**
 * PSR-3 logger keeping [level, message, context] in memory.
 */
class MemoryLogger extends AbstractLogger
{
    /** @var array<int, array{0: string, 1: string, 2: array}> */
    public array $records = [];

    public function log($level, string|\Stringable $message, array $context = []): void
    {
        $this->records[] = [(string)$level, (string)$message, $context];
    }
}
