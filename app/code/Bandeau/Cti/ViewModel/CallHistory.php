<?php

declare(strict_types=1);

namespace Bandeau\Cti\ViewModel;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Access\CallVisibility;
use Bandeau\Cti\Model\CallRepository;
use Bandeau\Cti\Model\WrapUp\WrapUp;
use Bandeau\Cti\Model\WrapUp\WrapUpReader;
use Magento\Backend\Model\UrlInterface as BackendUrl;
use Magento\Framework\App\RequestInterface;
use Magento\Framework\View\Element\Block\ArgumentInterface;

/**
 * Calls of the customer (customer "Calls" tab) or of the order (order view section) on screen.
 */
class CallHistory implements ArgumentInterface
{
    public const LIMIT = 200;

    /**
     * @param CallRepository $repository
     * @param RequestInterface $request
     * @param BackendUrl $backendUrl
     * @param CallVisibility $visibility
     * @param WrapUpReader $wrapUps
     */
    public function __construct(
        private CallRepository $repository,
        private RequestInterface $request,
        private BackendUrl $backendUrl,
        private CallVisibility $visibility,
        private WrapUpReader $wrapUps
    ) {
    }

    /**
     * The customer of the page (customer_id or id), 0 when none.
     *
     * @return int
     */
    public function getCustomerId(): int
    {
        return max(0, (int)($this->request->getParam('customer_id') ?? $this->request->getParam('id')));
    }

    /**
     * The order of the page, 0 when none.
     *
     * @return int
     */
    public function getOrderId(): int
    {
        return max(0, (int)$this->request->getParam('order_id'));
    }

    /**
     * The customer's latest calls the admin user may see (CallVisibility), newest first.
     *
     * @return CallInterface[]
     */
    public function getCustomerCalls(): array
    {
        $id = $this->getCustomerId();
        return $id > 0 ? $this->repository->listLinkedTo(
            CallInterface::CUSTOMER_ID,
            $id,
            self::LIMIT,
            $this->visibility->restriction()
        ) : [];
    }

    /**
     * The order's latest calls the admin user may see (CallVisibility), newest first.
     *
     * @return CallInterface[]
     */
    public function getOrderCalls(): array
    {
        $id = $this->getOrderId();
        return $id > 0 ? $this->repository->listLinkedTo(
            CallInterface::ORDER_ID,
            $id,
            self::LIMIT,
            $this->visibility->restriction()
        ) : [];
    }

    /**
     * Whether the admin user may download the customer's calls (sees all calls).
     *
     * @return bool
     */
    public function canExport(): bool
    {
        return $this->visibility->seesAllCalls();
    }

    /**
     * The CSV download of the customer's calls.
     *
     * @return string
     */
    public function getExportUrl(): string
    {
        return (string)$this->backendUrl->getUrl('bandeau/customer/export', ['customer_id' => $this->getCustomerId()]);
    }

    /**
     * The number of the other party, as the agent sees it.
     *
     * @param CallInterface $call
     */
    public function getCounterpart(CallInterface $call): string
    {
        $number = $call->getDirection() === 'outbound' ? $call->getTo() : $call->getFrom();
        return $number ?? (string)__('(anonymised)');
    }

    /**
     * 75 => "1:15".
     *
     * @param int|null $seconds
     * @return string
     */
    public function formatDuration(?int $seconds): string
    {
        $seconds = max(0, (int)$seconds);
        return sprintf('%d:%02d', intdiv($seconds, 60), $seconds % 60);
    }

    /**
     * The wrap-ups (outcome, tags, follow-up date) of the listed calls, by call id.
     *
     * @param CallInterface[] $calls
     * @return array<string, WrapUp>
     */
    public function getWrapUps(array $calls): array
    {
        $ids = array_map(static fn (CallInterface $call): string => (string)$call->getCallId(), $calls);
        return $this->wrapUps->forCallIds($ids);
    }

    /**
     * "Complaint · Delivery, Urgent": the outcome and the tags, translated, '' when none.
     *
     * @param WrapUp|null $wrapUp
     * @return string
     */
    public function getWrapUpSummary(?WrapUp $wrapUp): string
    {
        if ($wrapUp === null) {
            return '';
        }
        $parts = [];
        if ($wrapUp->getOutcome() !== null) {
            $parts[] = (string)__($wrapUp->getOutcome());
        }
        if ($wrapUp->getTags() !== []) {
            $parts[] = implode(', ', array_map(static fn (string $t): string => (string)__($t), $wrapUp->getTags()));
        }
        return implode(' · ', $parts);
    }

    /**
     * "Follow up on 2026-11-20" (the time too when it is not midnight UTC), '' when none.
     *
     * @param WrapUp|null $wrapUp
     * @return string
     */
    public function getFollowUpLabel(?WrapUp $wrapUp): string
    {
        $at = $wrapUp?->getFollowUpAt();
        if ($at === null) {
            return '';
        }
        $date = new \DateTimeImmutable($at);
        $text = $date->format('H:i:s') === '00:00:00' ? $date->format('Y-m-d') : $date->format('Y-m-d H:i') . ' UTC';
        return (string)__('Follow up on %1', $text);
    }

    /**
     * The translated direction of a call.
     *
     * @param CallInterface $call
     * @return string
     */
    public function getDirectionLabel(CallInterface $call): string
    {
        return match ($call->getDirection()) {
            'outbound' => (string)__('Outbound'),
            'internal' => (string)__('Internal'),
            default => (string)__('Inbound'),
        };
    }

    /**
     * The translated result of a call.
     *
     * @param CallInterface $call
     * @return string
     */
    public function getDispositionLabel(CallInterface $call): string
    {
        return match ($call->getDisposition()) {
            'answered' => (string)__('Answered'),
            'missed' => (string)__('Missed'),
            'abandoned' => (string)__('Abandoned'),
            'busy' => (string)__('Busy'),
            'failed' => (string)__('Failed'),
            'voicemail' => (string)__('Voicemail'),
            default => '',
        };
    }
}
