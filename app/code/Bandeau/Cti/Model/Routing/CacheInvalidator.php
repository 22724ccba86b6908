<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing;

use Bandeau\Cti\Model\Bridge\BridgeNotifier;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Psr\Log\LoggerInterface;

/**
 * Tells the bridge that routing facts changed: POST /routing/invalidate on its admin listener,
 * signed as token revocations are (BridgeNotifier), body {"phones": [E.164…], "rules": bool,
 * "iat": unix seconds}. Best-effort: never throws; a bridge that is down or does not route calls
 * only means its cache keeps the old facts until their TTL ends.
 */
class CacheInvalidator
{
    public const PATH = '/routing/invalidate';
    /** The bridge refuses more numbers in one notification. */
    public const MAX_PHONES = 100;
    private const E164 = '/^\+[1-9]\d{1,14}$/';

    /**
     * @param BridgeNotifier $notifier
     * @param ClockInterface $clock
     * @param LoggerInterface $logger
     */
    public function __construct(
        private BridgeNotifier $notifier,
        private ClockInterface $clock,
        private LoggerInterface $logger
    ) {
    }

    /**
     * Sends the numbers (in notifications of at most 100) and/or the rules change; true when
     * every notification was applied, or there was nothing to send.
     *
     * @param string[] $phones E.164; anything else is left out
     * @param bool $rules the routing rules or VIP groups changed
     * @return bool
     */
    public function invalidate(array $phones, bool $rules = false): bool
    {
        $phones = array_values(array_unique(array_filter(
            $phones,
            static fn ($phone): bool => is_string($phone) && preg_match(self::E164, $phone) === 1
        )));
        if (($phones === [] && !$rules) || !$this->notifier->isConfigured()) {
            return true;
        }
        $batches = $phones === [] ? [[]] : array_chunk($phones, self::MAX_PHONES);
        $applied = true;
        foreach ($batches as $i => $batch) {
            $applied = $this->send($batch, $rules && $i === 0) && $applied;
        }
        return $applied;
    }

    /**
     * One notification; logged when it fails, never thrown.
     *
     * @param string[] $phones
     * @param bool $rules
     * @return bool
     */
    private function send(array $phones, bool $rules): bool
    {
        $body = (string)json_encode(['phones' => $phones, 'rules' => $rules, 'iat' => $this->clock->now()]);
        try {
            $status = $this->notifier->post(self::PATH, $body);
        } catch (\Throwable $e) {
            // The numbers are personal data: the log says how many, not which.
            $this->logger->warning('Bandeau: the bridge could not be told that routing facts changed', [
                'phones' => count($phones),
                'rules' => $rules,
                'error' => $e->getMessage(),
            ]);
            return false;
        }
        if ($status === 404) {
            // A bridge without call routing has no such route: nothing to invalidate there.
            $this->logger->info('Bandeau: the bridge does not route calls; no routing cache to invalidate');
            return false;
        }
        if ($status !== 200) {
            $this->logger->warning('Bandeau: the bridge refused the routing cache invalidation', [
                'phones' => count($phones),
                'rules' => $rules,
                'status' => $status,
            ]);
            return false;
        }
        return true;
    }
}
