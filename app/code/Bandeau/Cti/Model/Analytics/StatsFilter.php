<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Bandeau\Cti\Model\Clock\ClockInterface;

/**
 * What the call analytics read: an inclusive range of local dates in the reporting time zone, a store
 * (0 = all), a direction ('' = all) and an answering agent (0 = all).
 *
 * The constructor refuses bad values; fromRequest() reads a GET form leniently (a bad value falls back
 * to its default, a too long range is shortened) and lists what it corrected in $corrections so the page
 * can say so rather than silently show other figures.
 */
class StatsFilter
{
    /** Longest range the dashboard reads, in days (a leap year). */
    public const MAX_DAYS = 366;
    /** Range when the form gives none: the last 30 local days, today included. */
    public const DEFAULT_DAYS = 30;
    public const DIRECTIONS = ['inbound', 'outbound', 'internal'];
    /** Request parameter names, shared by the form, the export links and fromRequest(). */
    public const PARAM_FROM = 'from';
    public const PARAM_TO = 'to';
    public const PARAM_STORE = 'store';
    public const PARAM_DIRECTION = 'direction';
    public const PARAM_AGENT = 'agent';
    /** Correction codes fromRequest() may report. */
    public const CORRECTED_FROM = 'from';
    public const CORRECTED_TO = 'to';
    public const CORRECTED_ORDER = 'order';
    public const CORRECTED_RANGE = 'range';
    public const CORRECTED_STORE = 'store';
    public const CORRECTED_DIRECTION = 'direction';
    public const CORRECTED_AGENT = 'agent';

    private const DATE = 'Y-m-d';
    private const MIN_YEAR = 2000;
    private const MAX_YEAR = 2100;
    private const PROTOTYPE_DATE = '2000-01-01';
    /** Largest INT UNSIGNED, the ids' column type. */
    private const MAX_ID = 4294967295;

    /**
     * @param string $from first local date, 'Y-m-d'
     * @param string $to last local date, 'Y-m-d', inclusive
     * @param int $storeId 0 = every store
     * @param string $direction '' = every direction, or one of DIRECTIONS
     * @param int $agentUserId 0 = every agent
     * @param string[] $corrections what fromRequest() changed (CORRECTED_* codes)
     * @throws \InvalidArgumentException on a bad date, a reversed or too long range or a bad dimension
     */
    public function __construct(
        public readonly string $from,
        public readonly string $to,
        public readonly int $storeId = 0,
        public readonly string $direction = '',
        public readonly int $agentUserId = 0,
        public readonly array $corrections = []
    ) {
        $fromDate = $this->parseDate($from);
        $toDate = $this->parseDate($to);
        if ($fromDate === null || $toDate === null) {
            throw new \InvalidArgumentException('Dates must be Y-m-d between 2000 and 2100.');
        }
        if ($fromDate > $toDate) {
            throw new \InvalidArgumentException('The range starts after it ends.');
        }
        if ($this->span($fromDate, $toDate) > self::MAX_DAYS) {
            throw new \InvalidArgumentException('The range is longer than ' . self::MAX_DAYS . ' days.');
        }
        if ($storeId < 0 || $agentUserId < 0) {
            throw new \InvalidArgumentException('Store and agent ids are not negative.');
        }
        if ($direction !== '' && !in_array($direction, self::DIRECTIONS, true)) {
            throw new \InvalidArgumentException('Unknown direction.');
        }
    }

    /**
     * The filter a GET form asks for; missing or bad values fall back to their defaults.
     *
     * @param array<string, mixed> $params request parameters (PARAM_* names)
     * @param ClockInterface $clock
     * @param string $timeZone the reporting time zone ('today' is its local date)
     * @return self
     */
    // phpcs:ignore Magento2.Functions.StaticFunction -- a named constructor of a value object, no state
    public static function fromRequest(array $params, ClockInterface $clock, string $timeZone = 'UTC'): self
    {
        return (new self(self::PROTOTYPE_DATE, self::PROTOTYPE_DATE))->read($params, $clock, $timeZone);
    }

    /**
     * The filter the request asks for (fromRequest()'s work, on a prototype instance).
     *
     * @param array<string, mixed> $params
     * @param ClockInterface $clock
     * @param string $timeZone
     * @return self
     */
    private function read(array $params, ClockInterface $clock, string $timeZone): self
    {
        $corrections = [];
        $today = (new \DateTimeImmutable('@' . $clock->now()))->setTimezone($this->zone($timeZone));
        $today = \DateTimeImmutable::createFromFormat('!' . self::DATE, $today->format(self::DATE));

        $to = $this->dateParam($params, self::PARAM_TO, $corrections, self::CORRECTED_TO) ?? $today;
        $from = $this->dateParam($params, self::PARAM_FROM, $corrections, self::CORRECTED_FROM)
            ?? $to->modify('-' . (self::DEFAULT_DAYS - 1) . ' days');
        if ($from > $to) {
            [$from, $to] = [$to, $from];
            $corrections[] = self::CORRECTED_ORDER;
        }
        if ($this->span($from, $to) > self::MAX_DAYS) {
            $from = $to->modify('-' . (self::MAX_DAYS - 1) . ' days');
            $corrections[] = self::CORRECTED_RANGE;
        }

        $storeId = $this->idParam($params, self::PARAM_STORE, $corrections, self::CORRECTED_STORE);
        $agentUserId = $this->idParam($params, self::PARAM_AGENT, $corrections, self::CORRECTED_AGENT);
        $direction = $params[self::PARAM_DIRECTION] ?? '';
        if (!is_string($direction) || ($direction !== '' && !in_array($direction, self::DIRECTIONS, true))) {
            $direction = '';
            $corrections[] = self::CORRECTED_DIRECTION;
        }

        return new self(
            $from->format(self::DATE),
            $to->format(self::DATE),
            $storeId,
            $direction,
            $agentUserId,
            $corrections
        );
    }

    /**
     * The request parameters that give this filter back (form values, export and filter links).
     *
     * @return array<string, string>
     */
    public function toParams(): array
    {
        return [
            self::PARAM_FROM => $this->from,
            self::PARAM_TO => $this->to,
            self::PARAM_STORE => (string)$this->storeId,
            self::PARAM_DIRECTION => $this->direction,
            self::PARAM_AGENT => (string)$this->agentUserId,
        ];
    }

    /**
     * Every local date of the range, in order.
     *
     * @return string[]
     */
    public function dates(): array
    {
        $dates = [];
        $day = $this->parseDate($this->from);
        $last = $this->parseDate($this->to);
        while ($day <= $last) {
            $dates[] = $day->format(self::DATE);
            $day = $day->modify('+1 day');
        }
        return $dates;
    }

    /**
     * Number of days in the range, both ends included.
     *
     * @return int
     */
    public function days(): int
    {
        return $this->span($this->parseDate($this->from), $this->parseDate($this->to));
    }

    /**
     * A strict 'Y-m-d' date within the supported years, or null.
     *
     * @param string $value
     * @return \DateTimeImmutable|null
     */
    private function parseDate(string $value): ?\DateTimeImmutable
    {
        if (preg_match('/^\d{4}-\d{2}-\d{2}$/', $value) !== 1) {
            return null;
        }
        $date = \DateTimeImmutable::createFromFormat('!' . self::DATE, $value, new \DateTimeZone('UTC'));
        if ($date === false || $date->format(self::DATE) !== $value) {
            return null;
        }
        $year = (int)$date->format('Y');
        return $year >= self::MIN_YEAR && $year <= self::MAX_YEAR ? $date : null;
    }

    /**
     * A date parameter, null when absent; a present but bad value is reported and ignored.
     *
     * @param array<string, mixed> $params
     * @param string $name
     * @param string[] $corrections
     * @param string $code
     * @return \DateTimeImmutable|null
     */
    private function dateParam(
        array $params,
        string $name,
        array &$corrections,
        string $code
    ): ?\DateTimeImmutable {
        $value = $params[$name] ?? '';
        if ($value === '') {
            return null;
        }
        $date = is_string($value) ? $this->parseDate(trim($value)) : null;
        if ($date === null) {
            $corrections[] = $code;
        }
        return $date;
    }

    /**
     * A non-negative id parameter, 0 when absent; a present but bad value is reported and read as 0.
     *
     * @param array<string, mixed> $params
     * @param string $name
     * @param string[] $corrections
     * @param string $code
     * @return int
     */
    private function idParam(array $params, string $name, array &$corrections, string $code): int
    {
        $value = $params[$name] ?? '';
        if ($value === '' || $value === '0' || $value === 0) {
            return 0;
        }
        $valid = is_int($value) ? $value > 0
            : is_string($value) && preg_match('/^[1-9]\d{0,9}$/', $value) === 1;
        if ($valid && (int)$value <= self::MAX_ID) {
            return (int)$value;
        }
        $corrections[] = $code;
        return 0;
    }

    /**
     * Days from $from to $to, both included.
     *
     * @param \DateTimeImmutable $from
     * @param \DateTimeImmutable $to
     * @return int
     */
    private function span(\DateTimeImmutable $from, \DateTimeImmutable $to): int
    {
        return (int)$from->diff($to)->days + 1;
    }

    /**
     * The named zone, UTC when the name is empty or unknown.
     *
     * @param string $name
     * @return \DateTimeZone
     */
    private function zone(string $name): \DateTimeZone
    {
        try {
            return new \DateTimeZone($name === '' ? 'UTC' : $name);
        } catch (\Exception) {
            return new \DateTimeZone('UTC');
        }
    }
}
