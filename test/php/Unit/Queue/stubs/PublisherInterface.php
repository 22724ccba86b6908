<?php

/**
 * Stand-in for Magento's message-queue publisher (lib/internal/Magento/Framework/MessageQueue),
 * loaded by the Queue tests only; the shared stand-ins in test/php/stubs have none.
 */

declare(strict_types=1);

namespace Magento\Framework\MessageQueue;

interface PublisherInterface
{
    /**
     * @param string $topicName
     * @param array|object|string $data
     * @return null|mixed
     */
    public function publish($topicName, $data);
}
