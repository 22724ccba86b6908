<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Magento\Framework\Phrase;

/**
 * A campaign's calling hours: a daily window [start, end) on chosen weekdays, in the campaign's
 * own time zone (so 09:00–18:00 Europe/Paris follows the clock change).
 */
class CallingHours
{
    /**
     * Whether calls are allowed at that moment: a calling day, inside the hours, in the campaign's zone.
     *
     * @param Campaign $campaign
     * @param int|\DateTimeInterface $now
     * @return bool
     */
    public function isOpen(Campaign $campaign, int|\DateTimeInterface $now): bool
    {
        $zone = $this->zone($campaign->timezone);
        $start = $this->minutes($campaign->hoursStart);
        $end = $this->minutes($campaign->hoursEnd);
        if ($zone === null || $start === null || $end === null) {
            return false;
        }
        $local = $this->toImmutable($now)->setTimezone($zone);
        if (!in_array((int)$local->format('N'), $campaign->weekdays, true)) {
            return false;
        }
        $minute = (int)$local->format('G') * 60 + (int)$local->format('i');
        return $minute >= $start && $minute < $end;
    }

    /**
     * When calls are next allowed, in the campaign's time zone.
     *
     * That is $now itself when open, and null when the hours can never open (no day, bad zone).
     *
     * @param Campaign $campaign
     * @param int|\DateTimeInterface $now
     */
    public function nextOpening(Campaign $campaign, int|\DateTimeInterface $now): ?\DateTimeImmutable
    {
        $zone = $this->zone($campaign->timezone);
        $start = $this->minutes($campaign->hoursStart);
        if ($zone === null || $start === null || $this->minutes($campaign->hoursEnd) === null) {
            return null;
        }
        $local = $this->toImmutable($now)->setTimezone($zone);
        if ($this->isOpen($campaign, $local)) {
            return $local;
        }
        for ($day = 0; $day <= 7; $day++) {
            $candidate = $local->modify('+' . $day . ' days')->setTime(intdiv($start, 60), $start % 60);
            $callingDay = in_array((int)$candidate->format('N'), $campaign->weekdays, true);
            if ($candidate > $local && $callingDay && $this->isOpen($campaign, $candidate)) {
                return $candidate;
            }
        }
        return null;
    }

    /**
     * The message an agent sees when a call is refused outside the hours.
     *
     * @param Campaign $campaign
     * @param int|\DateTimeInterface $now
     */
    public function refusal(Campaign $campaign, int|\DateTimeInterface $now): Phrase
    {
        $days = implode(', ', array_map(fn (int $day): string => $this->dayName($day), $campaign->weekdays));
        $next = $this->nextOpening($campaign, $now);
        if ($next === null) {
            return __('Campaign "%1" has no calling hours.', $campaign->name);
        }
        return __(
            'Outside calling hours for "%1": calls are allowed from %2 to %3 (%4) on %5. Next opening: %6.',
            $campaign->name,
            $campaign->hoursStart,
            $campaign->hoursEnd,
            $campaign->timezone,
            $days,
            $next->format('Y-m-d H:i')
        );
    }

    /**
     * "09:30" => 570; null when not HH:MM (24:00 allowed as an end).
     *
     * @param string $time
     */
    public function minutes(string $time): ?int
    {
        if (!preg_match('/^([01]\d|2[0-3]):([0-5]\d)$/', $time, $m)) {
            return $time === '24:00' ? 1440 : null;
        }
        return (int)$m[1] * 60 + (int)$m[2];
    }

    /**
     * The named IANA time zone, or null when PHP does not know the name.
     *
     * @param string $name
     * @return \DateTimeZone|null
     */
    public function zone(string $name): ?\DateTimeZone
    {
        if (!in_array($name, \DateTimeZone::listIdentifiers(), true)) {
            return null;
        }
        return new \DateTimeZone($name);
    }

    /**
     * The translated name of an ISO-8601 day number (1 = Monday).
     *
     * @param int $day
     * @return string
     */
    private function dayName(int $day): string
    {
        $names = [
            1 => __('Monday'),
            2 => __('Tuesday'),
            3 => __('Wednesday'),
            4 => __('Thursday'),
            5 => __('Friday'),
            6 => __('Saturday'),
            7 => __('Sunday'),
        ];
        return (string)($names[$day] ?? $day);
    }

    /**
     * A Unix time or any date-time as an immutable date-time.
     *
     * @param int|\DateTimeInterface $now
     * @return \DateTimeImmutable
     */
    private function toImmutable(int|\DateTimeInterface $now): \DateTimeImmutable
    {
        if (is_int($now)) {
            return new \DateTimeImmutable('@' . $now);
        }
        return \DateTimeImmutable::createFromInterface($now);
    }
}
