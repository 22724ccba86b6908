<?php

declare(strict_types=1);

namespace Magento\Framework\MessageQueue;

/**
 * Stand-in: publishes a message on a topic (communication.xml).
 */
interface PublisherInterface
{
    /**
     * @param string $topicName
     * @param array|object|string $data
     * @return null
     */
    public function publish($topicName, $data);
}
