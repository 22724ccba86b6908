<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing;

use Bandeau\Cti\Model\Routing\Data\RoutingConditions;
use Bandeau\Cti\Model\Routing\Data\RoutingRule;

/**
 * One dynamic row of `bandeau_routing/rules/list` (as Magento's ArraySerialized backend stores it)
 * to a rule of the contract. Every value is a string there: '' means "any" for a condition.
 *
 * Row keys: code, label, active ('1'/'0'), customer_groups, vip, min_lifetime_sales, order,
 * order_statuses, shipped_within_days, open_cart, store_ids, unknown_number, route, priority, message.
 */
class RuleRowParser
{
    public const MAX_LABEL_LENGTH = 255;
    public const MAX_DAYS = 3650;
    public const MAX_LIST = 100;

    /**
     * The rule of a row; throws with the reason when the row cannot be used as it is.
     *
     * @param array<string, mixed> $row
     * @return RoutingRule
     * @throws \InvalidArgumentException
     */
    public function parse(array $row): RoutingRule
    {
        $code = $this->text($row, 'code');
        if (!$this->matches(RuleNames::CODE, $code)) {
            throw new \InvalidArgumentException(sprintf('invalid rule code "%s"', $this->shown($code)));
        }
        $route = $this->text($row, 'route');
        if (!$this->matches(RuleNames::ROUTE, $route)) {
            throw new \InvalidArgumentException(sprintf('invalid route "%s"', $this->shown($route)));
        }
        $message = $this->text($row, 'message');
        if ($message !== '' && (!$this->matches(RuleNames::MESSAGE, $message) || str_contains($message, '..'))) {
            throw new \InvalidArgumentException(sprintf('invalid message "%s"', $this->shown($message)));
        }
        $priority = $this->text($row, 'priority');
        $priority = $priority === '' ? '0' : $priority;
        if (!preg_match('/^\d{1,3}$/', $priority) || (int)$priority > RuleNames::MAX_PRIORITY) {
            throw new \InvalidArgumentException(sprintf('invalid priority "%s" (0 to 100)', $this->shown($priority)));
        }
        $label = trim(preg_replace('/[\x00-\x1F\x7F]+/u', ' ', $this->text($row, 'label')) ?? '');
        $label = mb_substr($label === '' ? $code : $label, 0, self::MAX_LABEL_LENGTH);
        return new RoutingRule(
            $code,
            $label,
            $this->text($row, 'active') !== '0',
            $this->conditions($row),
            $route,
            (int)$priority,
            $message
        );
    }

    /**
     * The conditions of a row.
     *
     * @param array<string, mixed> $row
     * @return RoutingConditions|null null when the row sets none (webapi would write an empty list, not {})
     */
    private function conditions(array $row): ?RoutingConditions
    {
        $order = $this->text($row, 'order');
        if ($order !== '' && !in_array($order, RuleNames::ORDER_CONDITIONS, true)) {
            throw new \InvalidArgumentException(sprintf('invalid order condition "%s"', $this->shown($order)));
        }
        $minSales = $this->text($row, 'min_lifetime_sales');
        if ($minSales !== '' && (!is_numeric($minSales) || (float)$minSales < 0 || !is_finite((float)$minSales))) {
            throw new \InvalidArgumentException(
                sprintf('invalid minimum lifetime sales "%s"', $this->shown($minSales))
            );
        }
        $days = $this->text($row, 'shipped_within_days');
        if ($days !== '' && (!preg_match('/^\d{1,4}$/', $days) || (int)$days > self::MAX_DAYS)) {
            throw new \InvalidArgumentException(sprintf('invalid number of days "%s"', $this->shown($days)));
        }
        $statuses = $this->list($row, 'order_statuses');
        foreach ($statuses ?? [] as $status) {
            if (!$this->matches(RuleNames::ORDER_STATUS, $status)) {
                throw new \InvalidArgumentException(sprintf('invalid order status "%s"', $this->shown($status)));
            }
        }
        $conditions = new RoutingConditions(
            $this->ids($row, 'customer_groups'),
            $this->flag($row, 'vip'),
            $minSales === '' ? null : (float)$minSales,
            $order === '' ? null : $order,
            $statuses,
            $days === '' ? null : (int)$days,
            $this->flag($row, 'open_cart'),
            $this->ids($row, 'store_ids'),
            $this->flag($row, 'unknown_number')
        );
        return $conditions->toArray() === [] ? null : $conditions;
    }

    /**
     * A yes/no/any select: '' (any) -> null, '1' -> true, '0' -> false.
     *
     * @param array<string, mixed> $row
     * @param string $key
     * @return bool|null
     */
    private function flag(array $row, string $key): ?bool
    {
        $value = $this->text($row, $key);
        if ($value === '') {
            return null;
        }
        if ($value !== '0' && $value !== '1') {
            throw new \InvalidArgumentException(sprintf('invalid %s "%s" (empty, 1 or 0)', $key, $this->shown($value)));
        }
        return $value === '1';
    }

    /**
     * Comma-separated ids (or a multiselect's array) -> int[]; none -> null (any).
     *
     * @param array<string, mixed> $row
     * @param string $key
     * @return int[]|null
     */
    private function ids(array $row, string $key): ?array
    {
        $ids = [];
        foreach ($this->list($row, $key) ?? [] as $item) {
            if (!preg_match('/^\d{1,10}$/', $item)) {
                throw new \InvalidArgumentException(sprintf('invalid id "%s" in %s', $this->shown($item), $key));
            }
            $ids[] = (int)$item;
        }
        return $ids === [] ? null : array_values(array_unique($ids));
    }

    /**
     * Comma-separated values (or an array) -> trimmed non-empty strings; none -> null.
     *
     * @param array<string, mixed> $row
     * @param string $key
     * @return string[]|null
     */
    private function list(array $row, string $key): ?array
    {
        $value = $row[$key] ?? '';
        $items = is_array($value) ? $value : explode(',', is_scalar($value) ? (string)$value : '');
        $out = [];
        foreach ($items as $item) {
            $item = is_scalar($item) ? trim((string)$item) : '';
            if ($item !== '') {
                $out[] = $item;
            }
        }
        if (count($out) > self::MAX_LIST) {
            throw new \InvalidArgumentException(sprintf('more than %d values in %s', self::MAX_LIST, $key));
        }
        return $out === [] ? null : $out;
    }

    /**
     * A scalar cell as trimmed text ('' when absent or not scalar).
     *
     * @param array<string, mixed> $row
     * @param string $key
     * @return string
     */
    private function text(array $row, string $key): string
    {
        $value = $row[$key] ?? '';
        if (is_bool($value)) {
            return $value ? '1' : '0';
        }
        return is_scalar($value) ? trim((string)$value) : '';
    }

    /**
     * A value cut short, anything but letters, digits, spaces and _.,:/+- replaced by '?', for an
     * error message or a log line (the admin may see it; it is not escaped everywhere).
     *
     * @param string $value
     * @return string
     */
    private function shown(string $value): string
    {
        return mb_substr((string)preg_replace('/[^\p{L}\p{N} _.,:\/+-]/u', '?', $value), 0, 40);
    }

    /**
     * Whether a value is a string matching one of the RuleNames patterns.
     *
     * @param string $pattern
     * @param mixed $value
     * @return bool
     */
    private function matches(string $pattern, mixed $value): bool
    {
        return is_string($value) && preg_match($pattern, $value) === 1;
    }
}
