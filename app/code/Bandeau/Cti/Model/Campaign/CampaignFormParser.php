<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Magento\Framework\Exception\InputException;

/**
 * Reads and checks the "New campaign" form (and its preview request).
 */
class CampaignFormParser
{
    public const MAX_AGE_HOURS = 24 * 365;

    /**
     * @param CallingHours $hours
     * @param IdList $idList
     * @param UtcTime $utcTime
     */
    public function __construct(
        private CallingHours $hours,
        private IdList $idList,
        private UtcTime $utcTime
    ) {
    }

    /**
     * The cart filters alone (preview).
     *
     * @param array $params
     */
    public function audience(array $params): AudienceFilter
    {
        $min = $this->integer($params, 'min_age_hours', 1, 0, self::MAX_AGE_HOURS, __('Minimum cart age'));
        $max = $this->integer($params, 'max_age_hours', 720, 1, self::MAX_AGE_HOURS, __('Maximum cart age'));
        if ($min >= $max) {
            throw new InputException(__('The minimum cart age must be less than the maximum cart age.'));
        }
        $value = trim((string)($params['min_value'] ?? '0'));
        if (!preg_match('/^\d{1,12}([.,]\d{1,4})?$/', $value === '' ? '0' : $value)) {
            throw new InputException(__('The minimum cart value must be a positive amount.'));
        }
        return new AudienceFilter(
            $min,
            $max,
            (float)str_replace(',', '.', $value === '' ? '0' : $value),
            $this->idList->parse($params['customer_group_ids'] ?? []),
            $this->idList->parse($params['store_ids'] ?? [])
        );
    }

    /**
     * The campaign and its agents from the form, checked; an InputException says what is wrong.
     *
     * @param array $params
     * @param int $now
     * @param int|null $createdBy
     * @param int[] $availableAgentIds admin users who may be assigned (they have an extension)
     * @return array{campaign: Campaign, agentIds: int[]}
     */
    public function parse(array $params, int $now, ?int $createdBy, array $availableAgentIds): array
    {
        $name = trim((string)($params['name'] ?? ''));
        if ($name === '' || mb_strlen($name) > 255) {
            throw new InputException(__('A campaign needs a name of at most 255 characters.'));
        }
        $audience = $this->audience($params);
        $timezone = (string)($params['timezone'] ?? 'UTC');
        if ($this->hours->zone($timezone) === null) {
            throw new InputException(__('Unknown time zone "%1".', $timezone));
        }
        $start = (string)($params['hours_start'] ?? '09:00');
        $end = (string)($params['hours_end'] ?? '18:00');
        $startMinute = $this->hours->minutes($start);
        $endMinute = $this->hours->minutes($end);
        if ($startMinute === null || $endMinute === null || $startMinute >= $endMinute) {
            throw new InputException(__('Calling hours need a start and an end (HH:MM), the start before the end.'));
        }
        $weekdays = array_values(array_filter(
            $this->idList->parse($params['weekdays'] ?? []),
            static fn (int $day): bool => $day >= 1 && $day <= 7
        ));
        if ($weekdays === []) {
            throw new InputException(__('Choose at least one calling day.'));
        }
        $agentIds = $this->idList->parse($params['agent_ids'] ?? []);
        if ($agentIds === []) {
            throw new InputException(__('Assign at least one agent.'));
        }
        $unknown = array_diff($agentIds, $availableAgentIds);
        if ($unknown !== []) {
            throw new InputException(__('User %1 cannot take campaign calls (no extension).', implode(', ', $unknown)));
        }
        $campaign = new Campaign(
            null,
            $name,
            $audience,
            $this->utcTime->db($now),
            $timezone,
            $start,
            $end,
            $weekdays,
            $this->integer($params, 'max_attempts', 3, 1, 20, __('Maximum attempts')),
            $this->integer($params, 'retry_delay_minutes', 240, 5, 10080, __('Retry delay (minutes)')),
            !empty($params['power_dial']),
            $this->integer($params, 'conversion_days', 7, 1, 90, __('Conversion window (days)')),
            Campaign::STATUS_BUILDING,
            $createdBy
        );
        return ['campaign' => $campaign, 'agentIds' => $agentIds];
    }

    /**
     * A whole number field of the form within [min, max], its default when empty.
     *
     * @param array $params
     * @param string $key
     * @param int $default
     * @param int $min
     * @param int $max
     * @param \Stringable $label
     * @return int
     */
    private function integer(array $params, string $key, int $default, int $min, int $max, \Stringable $label): int
    {
        $raw = $params[$key] ?? '';
        $raw = is_scalar($raw) ? trim((string)$raw) : 'x';
        if ($raw === '') {
            return $default;
        }
        if (!preg_match('/^\d{1,9}$/', $raw) || (int)$raw < $min || (int)$raw > $max) {
            throw new InputException(__('%1 must be a whole number from %2 to %3.', (string)$label, $min, $max));
        }
        return (int)$raw;
    }
}
