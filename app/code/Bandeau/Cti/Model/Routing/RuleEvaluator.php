<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing;

/**
 * The PHP twin of the bridge's evaluator (bridge/src/routing/rules.ts): the first active rule
 * whose every present condition holds gives the route, with one `why` item per condition. Works
 * on the contract's shapes (the REST bodies as arrays) so that both pass
 * test/fixtures/routing/cases.json unchanged. Pure: the time is a parameter.
 */
class RuleEvaluator
{
    private const DAY_S = 86400;
    private const NOT_SHIPPED_STATES = ['new', 'processing', 'pending_payment', 'payment_review', 'holded'];
    private const PAYMENT_PROBLEM_STATES = ['payment_review', 'pending_payment'];
    private const ORDER_WHY = [
        RuleNames::ORDER_ANY_OPEN => 'order_any_open',
        RuleNames::ORDER_NOT_SHIPPED => 'order_not_shipped',
        RuleNames::ORDER_PAYMENT_PROBLEM => 'order_payment_problem',
        RuleNames::ORDER_PAYMENT_REVIEW => 'order_payment_review',
        RuleNames::ORDER_HOLDED => 'order_holded',
    ];

    /**
     * The decision for a caller.
     *
     * @param array $rules the rules body (version, vip_group_ids, rules, fallback)
     * @param array|null $facts the facts body; null = no usable caller id (no rule is evaluated)
     * @param \DateTimeInterface $now
     * @return array route, reason, rule ({code, label} or null), why, priority, message,
     *     customer ({id, name} or null), vip, lang, order
     */
    public function evaluate(array $rules, ?array $facts, \DateTimeInterface $now): array
    {
        $fallback = is_array($rules['fallback'] ?? null) ? $rules['fallback'] : [];
        $decision = [
            'route' => $this->matches(RuleNames::ROUTE, $fallback['route'] ?? null)
                ? $fallback['route'] : RuleNames::FALLBACK_ROUTE,
            'reason' => RuleNames::REASON_NO_CALLER_ID,
            'rule' => null,
            'why' => [],
            'priority' => $this->priority($fallback['priority'] ?? RuleNames::FALLBACK_PRIORITY),
            'message' => $this->message($fallback['message'] ?? ''),
            'customer' => null,
            'vip' => false,
            'lang' => '',
            'order' => '',
        ];
        if ($facts === null) {
            return $decision;
        }
        $vipGroups = array_map('intval', (array)($rules['vip_group_ids'] ?? []));
        $customer = is_array($facts['customer'] ?? null) ? $facts['customer'] : null;
        if ($customer !== null) {
            $decision['customer'] = ['id' => (int)$customer['id'], 'name' => (string)($customer['name'] ?? '')];
            $decision['vip'] = in_array((int)$customer['group_id'], $vipGroups, true);
            $decision['lang'] = $this->lang($customer['locale'] ?? null);
        }
        $nowS = (float)$now->format('U.u');
        foreach ((array)($rules['rules'] ?? []) as $rule) {
            if (!is_array($rule) || ($rule['active'] ?? false) !== true) {
                continue;
            }
            $match = $this->match($rule, $facts, $vipGroups, $nowS);
            if ($match === null) {
                continue;
            }
            $decision['route'] = (string)$rule['route'];
            $decision['reason'] = RuleNames::REASON_RULE;
            $decision['rule'] = ['code' => (string)$rule['code'], 'label' => (string)($rule['label'] ?? '')];
            $decision['why'] = $match['why'];
            $decision['priority'] = $this->priority($rule['priority'] ?? 0);
            $decision['message'] = $this->message($rule['message'] ?? '');
            $decision['order'] = $match['order'];
            return $decision;
        }
        $decision['reason'] = ($facts['known'] ?? false) === true
            ? RuleNames::REASON_NO_MATCH
            : RuleNames::REASON_UNKNOWN_NUMBER;
        return $decision;
    }

    /**
     * The why list and matched order of a rule that holds, else null.
     *
     * @param array $rule
     * @param array $facts
     * @param int[] $vipGroups
     * @param float $nowS
     * @return array|null {why: array[], order: string}
     * @SuppressWarnings(PHPMD.CyclomaticComplexity)
     * @SuppressWarnings(PHPMD.NPathComplexity)
     */
    public function match(array $rule, array $facts, array $vipGroups, float $nowS): ?array
    {
        $c = is_array($rule['conditions'] ?? null) ? $rule['conditions'] : [];
        $customer = is_array($facts['customer'] ?? null) ? $facts['customer'] : null;
        $orders = array_values(array_filter((array)($facts['orders'] ?? []), 'is_array'));
        $why = [];
        $order = '';
        if (isset($c['customer_group_ids'])) {
            $groups = array_map('intval', (array)$c['customer_group_ids']);
            if ($customer === null || !in_array((int)$customer['group_id'], $groups, true)) {
                return null;
            }
            $why[] = ['code' => 'customer_group', 'group_id' => (int)$customer['group_id']];
        }
        if (isset($c['vip'])) {
            if ($customer === null || in_array((int)$customer['group_id'], $vipGroups, true) !== (bool)$c['vip']) {
                return null;
            }
            $why[] = ['code' => $c['vip'] ? 'vip' : 'not_vip'];
        }
        if (isset($c['min_lifetime_sales'])) {
            if ($customer === null || !((float)$customer['lifetime_sales'] >= (float)$c['min_lifetime_sales'])) {
                return null;
            }
            $why[] = ['code' => 'lifetime_sales', 'amount' => (float)$customer['lifetime_sales']];
        }
        if (isset($c['order']) || isset($c['order_statuses'])) {
            $matched = $this->firstOrder($orders, $c['order'] ?? null, $c['order_statuses'] ?? null);
            if ($matched === null) {
                return null;
            }
            $order = (string)$matched['increment_id'];
            if (isset($c['order'])) {
                $why[] = ['code' => self::ORDER_WHY[$c['order']] ?? 'order_any_open', 'order' => $order];
            }
            if (isset($c['order_statuses'])) {
                $why[] = ['code' => 'order_status', 'order' => $order, 'status' => (string)$matched['status']];
            }
        }
        if (isset($c['shipped_within_days'])) {
            $shipment = is_array($facts['last_shipment'] ?? null) ? $facts['last_shipment'] : null;
            $shippedAt = $shipment === null ? null : $this->seconds((string)$shipment['shipped_at']);
            if ($shippedAt === null || $shippedAt < $nowS - (int)$c['shipped_within_days'] * self::DAY_S) {
                return null;
            }
            $shippedOrder = (string)$shipment['order_increment_id'];
            $order = $order === '' ? $shippedOrder : $order;
            $days = max(0, (int)floor(($nowS - $shippedAt) / self::DAY_S));
            $why[] = ['code' => 'shipped_recently', 'order' => $shippedOrder, 'days' => $days];
        }
        if (isset($c['open_cart'])) {
            if ($customer === null || (bool)$customer['open_cart'] !== (bool)$c['open_cart']) {
                return null;
            }
            $why[] = ['code' => $c['open_cart'] ? 'open_cart' : 'no_open_cart'];
        }
        if (isset($c['store_ids'])) {
            $store = $customer !== null ? (int)$customer['store_id']
                : (isset($orders[0]) ? (int)$orders[0]['store_id'] : null);
            if ($store === null || !in_array($store, array_map('intval', (array)$c['store_ids']), true)) {
                return null;
            }
            $why[] = ['code' => 'store', 'store_id' => $store];
        }
        if (isset($c['unknown_number'])) {
            if (($facts['known'] ?? false) === (bool)$c['unknown_number']) {
                return null;
            }
            $why[] = ['code' => $c['unknown_number'] ? 'unknown_number' : 'known_number'];
        }
        return ['why' => $why, 'order' => $order];
    }

    /**
     * Two letters of a locale (`fr_FR` -> `fr`), or ''.
     *
     * @param mixed $locale
     * @return string
     */
    public function lang(mixed $locale): string
    {
        if (!is_string($locale) || !preg_match('/^([A-Za-z]{2})(?:[_-]|$)/', $locale, $m)) {
            return '';
        }
        return strtolower($m[1]);
    }

    /**
     * The newest open order (orders come newest first) satisfying the order condition and the statuses.
     *
     * @param array[] $orders
     * @param string|null $condition
     * @param array|null $statuses
     * @return array|null
     */
    private function firstOrder(array $orders, ?string $condition, ?array $statuses): ?array
    {
        foreach ($orders as $order) {
            $holds = $condition === null || $this->orderHolds($order, $condition);
            if ($holds && ($statuses === null || in_array((string)$order['status'], $statuses, true))) {
                return $order;
            }
        }
        return null;
    }

    /**
     * Whether an open order satisfies an `order` condition value.
     *
     * @param array $order
     * @param string $condition
     * @return bool
     */
    private function orderHolds(array $order, string $condition): bool
    {
        $state = (string)$order['state'];
        return match ($condition) {
            RuleNames::ORDER_ANY_OPEN => true,
            RuleNames::ORDER_NOT_SHIPPED => !$order['shipped'] && in_array($state, self::NOT_SHIPPED_STATES, true),
            RuleNames::ORDER_PAYMENT_PROBLEM => in_array($state, self::PAYMENT_PROBLEM_STATES, true)
                || $order['status'] === 'fraud',
            RuleNames::ORDER_PAYMENT_REVIEW => $state === 'payment_review',
            RuleNames::ORDER_HOLDED => $state === 'holded',
            default => false,
        };
    }

    /**
     * Unix seconds (with fractions) of an ISO 8601 time with a zone, or null.
     *
     * @param string $iso
     * @return float|null
     */
    private function seconds(string $iso): ?float
    {
        try {
            return (float)(new \DateTimeImmutable($iso))->format('U.u');
        } catch (\Exception $e) {
            return null;
        }
    }

    /**
     * A sound name, or '' when it is not one (it is then not played; the rule still applies).
     *
     * @param mixed $message
     * @return string
     */
    private function message(mixed $message): string
    {
        return $this->matches(RuleNames::MESSAGE, $message) ? $message : '';
    }

    /**
     * A queue priority within 0..100.
     *
     * @param mixed $priority
     * @return int
     */
    private function priority(mixed $priority): int
    {
        return max(0, min(RuleNames::MAX_PRIORITY, (int)$priority));
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
