<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing;

use Psr\Log\LoggerInterface;

/**
 * Collects the numbers whose routing facts changed during one request and sends them to the bridge
 * ONCE (issue 15). One admin save commits several objects (a customer and each of its addresses; a
 * shipment and its order), and each commit's observer used to send its own notice.
 *
 * Shared (one instance per request). Flushed by the FlushRoutingInvalidations observer on
 * controller_front_send_response_before (every HTTP request: admin, storefront, REST), after the
 * request's transactions are committed; by a shutdown function for a request ended by an error;
 * and at once when it holds a notification's worth of numbers. Outside HTTP (bin/magento, cron,
 * queue consumers: long-running, with no end of request) each commit is sent at once, as before.
 */
class InvalidationBuffer
{
    /** @var array<string, true> E.164 numbers, as keys so each is sent once */
    private array $phones = [];
    private bool $rules = false;
    private bool $shutdownRegistered = false;
    private bool $deferred;

    /**
     * @param CacheInvalidator $invalidator
     * @param LoggerInterface $logger
     * @param bool|null $deferred collect until the end of the request; null: when serving HTTP
     */
    public function __construct(
        private CacheInvalidator $invalidator,
        private LoggerInterface $logger,
        ?bool $deferred = null
    ) {
        $this->deferred = $deferred ?? PHP_SAPI !== 'cli';
    }

    /**
     * Adds numbers (and/or a rules change) to the next notification.
     *
     * @param string[] $phones
     * @param bool $rules
     * @return void
     */
    public function add(array $phones, bool $rules = false): void
    {
        $this->rules = $this->rules || $rules;
        foreach ($phones as $phone) {
            if (is_string($phone) && $phone !== '') {
                $this->phones[$phone] = true;
            }
            if (count($this->phones) >= CacheInvalidator::MAX_PHONES) {
                $this->flush();
            }
        }
        if (!$this->deferred) {
            $this->flush();
            return;
        }
        if (!$this->isEmpty() && !$this->shutdownRegistered) {
            $this->shutdownRegistered = true;
            // phpcs:ignore Magento2.Functions.DiscouragedFunction -- the last flush of a non-HTTP process
            register_shutdown_function([$this, 'flushQuietly']);
        }
    }

    /**
     * Whether nothing waits to be sent.
     *
     * @return bool
     */
    public function isEmpty(): bool
    {
        return $this->phones === [] && !$this->rules;
    }

    /**
     * Sends what was collected (one notification for up to 100 numbers) and empties the buffer;
     * true when it was applied or there was nothing to send. Never throws (CacheInvalidator).
     *
     * @return bool
     */
    public function flush(): bool
    {
        if ($this->isEmpty()) {
            return true;
        }
        $phones = array_map('strval', array_keys($this->phones));
        $rules = $this->rules;
        // Emptied first: a failed notice is not retried (the bridge's TTL covers it), and a
        // shutdown flush after this one must not send the same numbers again.
        $this->phones = [];
        $this->rules = false;
        return $this->invalidator->invalidate($phones, $rules);
    }

    /**
     * The shutdown flush: anything thrown so late is logged, never shown.
     *
     * @return void
     */
    public function flushQuietly(): void
    {
        try {
            $this->flush();
        } catch (\Throwable $e) {
            $this->logger->error('Bandeau: routing cache invalidation failed: ' . $e->getMessage());
        }
    }
}
