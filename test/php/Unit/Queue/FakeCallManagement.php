<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Queue;

use Bandeau\Cti\Api\CallManagementInterface;
use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Test\Support\Builders;
use Magento\Framework\Exception\InputException;

/**
 * CallManagementInterface keeping calls by call_id, with the module's upsert rule (a null field
 * keeps the stored value). Can validate like the real one, or fail.
 */
class FakeCallManagement implements CallManagementInterface
{
    /** @var Call[] */
    public array $upserts = [];
    /** @var array<string, array<string, mixed>> */
    public array $stored = [];
    public ?\Throwable $failWith = null;
    public bool $validate = false;

    public function upsert(CallInterface $call): CallInterface
    {
        if ($this->failWith) {
            throw $this->failWith;
        }
        if ($this->validate) {
            $call = Builders::callValidator()->validate($call);
        }
        \assert($call instanceof Call);
        $this->upserts[] = $call;
        $old = $this->stored[$call->getCallId()] ?? [];
        $new = array_filter($call->toArray(), static fn ($v) => $v !== null);
        $this->stored[$call->getCallId()] = array_merge($old, $new);
        return $call;
    }

    public function saveNote(
        string $callId,
        string $note,
        int $agentUserId,
        bool $mayEditAnyCall = false,
        ?string $direction = null
    ): CallInterface {
        throw new InputException();
    }
}
