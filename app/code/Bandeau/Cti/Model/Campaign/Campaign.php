<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * One call campaign (a row of bandeau_campaign).
 */
class Campaign
{
    public const STATUS_BUILDING = 'building';
    public const STATUS_ACTIVE = 'active';
    public const STATUS_PAUSED = 'paused';
    public const STATUS_FAILED = 'failed';
    public const STATUSES = [self::STATUS_BUILDING, self::STATUS_ACTIVE, self::STATUS_PAUSED, self::STATUS_FAILED];

    /**
     * @param int|null $id
     * @param string $name
     * @param AudienceFilter $audience
     * @param string $audienceAt
     * @param string $timezone
     * @param string $hoursStart
     * @param string $hoursEnd
     * @param int[] $weekdays ISO-8601 day numbers, 1 = Monday … 7 = Sunday
     * @param int $maxAttempts
     * @param int $retryDelayMinutes
     * @param bool $powerDial
     * @param int $conversionDays
     * @param string $status
     * @param int|null $createdBy
     * @param string|null $builtAt
     */
    public function __construct(
        public readonly ?int $id,
        public readonly string $name,
        public readonly AudienceFilter $audience,
        public readonly string $audienceAt,
        public readonly string $timezone = 'UTC',
        public readonly string $hoursStart = '09:00',
        public readonly string $hoursEnd = '18:00',
        public readonly array $weekdays = [1, 2, 3, 4, 5],
        public readonly int $maxAttempts = 3,
        public readonly int $retryDelayMinutes = 240,
        public readonly bool $powerDial = false,
        public readonly int $conversionDays = 7,
        public readonly string $status = self::STATUS_BUILDING,
        public readonly ?int $createdBy = null,
        public readonly ?string $builtAt = null
    ) {
    }

    /**
     * The columns written when the campaign is created (CampaignRepository reads them back).
     *
     * @return array<string, mixed>
     */
    public function toRow(): array
    {
        return [
            'name' => $this->name,
            'status' => $this->status,
            'audience_at' => $this->audienceAt,
            'min_age_hours' => $this->audience->minAgeHours,
            'max_age_hours' => $this->audience->maxAgeHours,
            'min_value' => $this->audience->minValue,
            'customer_group_ids' => $this->idString($this->audience->customerGroupIds),
            'store_ids' => $this->idString($this->audience->storeIds),
            'timezone' => $this->timezone,
            'hours_start' => $this->hoursStart,
            'hours_end' => $this->hoursEnd,
            'weekdays' => implode(',', $this->weekdays),
            'max_attempts' => $this->maxAttempts,
            'retry_delay_minutes' => $this->retryDelayMinutes,
            'power_dial' => (int)$this->powerDial,
            'conversion_days' => $this->conversionDays,
            'created_by' => $this->createdBy,
        ];
    }

    /**
     * [1, 2] => "1,2", the form IdList::parse() reads; no ids => NULL.
     *
     * @param int[] $ids
     * @return string|null
     */
    private function idString(array $ids): ?string
    {
        return $ids === [] ? null : implode(',', $ids);
    }
}
