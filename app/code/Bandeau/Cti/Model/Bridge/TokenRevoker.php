<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Bridge;

use Bandeau\Cti\Model\Clock\ClockInterface;
use Psr\Log\LoggerInterface;

/**
 * Tells the bridge that a user's agent tokens are no longer valid (logout, role or extension
 * change): a POST to its admin listener, signed with the shared secret by BridgeNotifier
 * (HMAC-SHA256 of the body, see bridge/src/auth/revocation.ts). The bridge closes that user's
 * sockets at once. Never throws: a bridge that cannot be reached is logged, and the tokens then
 * expire by themselves.
 */
class TokenRevoker
{
    public const REASON_LOGOUT = 'logout';
    public const REASON_USER_CHANGED = 'user_changed';
    public const REASON_ROLE_CHANGED = 'role_changed';
    public const SIGNATURE_HEADER = BridgeNotifier::SIGNATURE_HEADER;

    /**
     * @param TokenIdClock $tokenIds
     * @param ClockInterface $clock
     * @param BridgeNotifier $notifier
     * @param LoggerInterface $logger
     */
    public function __construct(
        private TokenIdClock $tokenIds,
        private ClockInterface $clock,
        private BridgeNotifier $notifier,
        private LoggerInterface $logger
    ) {
    }

    /**
     * Revokes every token of the user minted until now; true when the bridge applied it.
     *
     * @param int $userId
     * @param string $reason
     * @return bool
     */
    public function revoke(int $userId, string $reason): bool
    {
        if ($userId <= 0 || !$this->notifier->isConfigured()) {
            return false;
        }
        $body = (string)json_encode([
            'userId' => $userId,
            'notBefore' => $this->tokenIds->next(),
            'reason' => $reason,
            'ts' => $this->clock->now(),
        ]);
        try {
            $status = $this->notifier->post('/revoke', $body);
        } catch (\Throwable $e) {
            $this->logger->warning('Bandeau: the bridge could not be told to revoke agent tokens', [
                'user_id' => $userId,
                'reason' => $reason,
                'error' => $e->getMessage(),
            ]);
            return false;
        }
        if ($status !== 200) {
            $this->logger->warning('Bandeau: the bridge refused the agent token revocation', [
                'user_id' => $userId,
                'reason' => $reason,
                'status' => $status,
            ]);
            return false;
        }
        return true;
    }
}
