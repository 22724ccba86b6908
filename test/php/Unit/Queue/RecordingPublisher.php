<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Queue;

use Magento\Framework\MessageQueue\PublisherInterface;

/**
 * Keeps what the consumer publishes again.
 */
class RecordingPublisher implements PublisherInterface
{
    /** @var array<int, array{0: string, 1: mixed}> */
    public array $published = [];

    public function publish($topicName, $data)
    {
        $this->published[] = [$topicName, $data];
        return null;
    }
}
