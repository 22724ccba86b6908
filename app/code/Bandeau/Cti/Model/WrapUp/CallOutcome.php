<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\WrapUp;

use Bandeau\Cti\Api\CallOutcomeInterface;
use Bandeau\Cti\Api\CallWrapUpInterface;
use Bandeau\Cti\Api\Data\WrapUpInterface;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Exception\InputException;

/**
 * The bridge's quick outcome (POST /V1/bandeau/calls/:callId/outcome): the phone bar's wrap-up
 * service with the outcome alone, never with the "all calls" right, so an agent's phone only
 * writes on that agent's calls. A wrap-up replaces tags and follow-up date; a phone cannot show
 * them, so those already saved are sent again (the ones still valid: configured tags, a date
 * not yet passed) rather than erased.
 */
class CallOutcome implements CallOutcomeInterface
{
    /**
     * @param CallWrapUpInterface $wrapUp
     * @param WrapUpReader $reader
     * @param WrapUpOptions $options
     * @param WrapUpValidator $validator
     * @param ClockInterface $clock
     * @param ResourceConnection $resource
     */
    public function __construct(
        private CallWrapUpInterface $wrapUp,
        private WrapUpReader $reader,
        private WrapUpOptions $options,
        private WrapUpValidator $validator,
        private ClockInterface $clock,
        private ResourceConnection $resource
    ) {
    }

    /**
     * @inheritdoc
     */
    public function save(string $callId, string $outcome, int $agentUserId): WrapUpInterface
    {
        if (trim($outcome) === '') {
            throw new InputException(__('Choose an outcome.'));
        }
        if (!$this->isActiveUser($agentUserId)) {
            throw new InputException(__('No active admin user has the id %1.', $agentUserId));
        }
        $stored = $this->reader->forCallIds([trim($callId)])[trim($callId)] ?? null;
        $tags = $stored === null ? [] : array_values(array_intersect($stored->getTags(), $this->options->tags()));
        $followUp = null;
        if ($stored !== null && $stored->getFollowUpAt() !== null) {
            try {
                $followUp = $this->validator->followUp($stored->getFollowUpAt(), $this->clock->now());
            } catch (InputException $passed) {
                $followUp = null;
            }
        }
        // An empty note keeps the saved note; the customer is kept unless one is given.
        return $this->wrapUp->save(new WrapUp($callId, null, $outcome, $tags, $followUp), $agentUserId, false);
    }

    /**
     * @inheritdoc
     */
    public function getOutcomes(): array
    {
        return $this->options->outcomes();
    }

    /**
     * Whether the id is an admin user who may still sign in.
     *
     * @param int $userId
     * @return bool
     */
    private function isActiveUser(int $userId): bool
    {
        if ($userId <= 0) {
            return false;
        }
        $connection = $this->resource->getConnection();
        return (bool)$connection->fetchOne(
            sprintf(
                'SELECT 1 FROM %s WHERE user_id = ? AND is_active = 1',
                $connection->quoteIdentifier($this->resource->getTableName('admin_user'))
            ),
            [$userId]
        );
    }
}
