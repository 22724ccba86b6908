<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Config\Backend;

use Magento\Config\Model\Config\Backend\Serialized\ArraySerialized;
use Magento\Framework\Exception\LocalizedException;

/**
 * The routing rules table (bandeau_routing/rules/list): checks and normalises every row before
 * Magento stores the table as JSON, and refuses the whole save with a message naming the row.
 *
 * Stored rows keep the form's order (evaluation order) and hold strings only: code, label,
 * active ("1"/"0"), customer_groups and store_ids (comma-separated ids or ""), vip, open_cart and
 * unknown_number ("", "1" or "0"), min_lifetime_sales (decimal or ""), order (a condition name or
 * ""), order_statuses (comma-separated status codes or ""), shipped_within_days (whole number or
 * ""), route, priority (0..100) and message (a sound name or "").
 */
class RoutingRules extends ArraySerialized
{
    public const CODE_PATTERN = '/^[a-z0-9_-]{1,32}$/';
    public const ROUTE_PATTERN = '/^[A-Za-z0-9_-]{1,32}$/';
    public const MESSAGE_PATTERN = '/^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_-]{1,64}){0,3}$/';
    private const STATUS_PATTERN = '/^[a-z0-9_]{1,32}$/';
    private const MAX_RULES = 100;
    private const MAX_DAYS = 3650;
    private const MAX_LABEL = 255;

    /** The columns, in the order rows are stored. */
    public const COLUMNS = [
        'code', 'label', 'active', 'customer_groups', 'vip', 'min_lifetime_sales', 'order', 'order_statuses',
        'shipped_within_days', 'open_cart', 'store_ids', 'unknown_number', 'route', 'priority', 'message',
    ];

    /** Values of the `order` condition (the routing contract's names); '' is any. */
    public const ORDER_CONDITIONS = ['any_open', 'not_shipped', 'payment_problem', 'payment_review', 'holded'];

    /**
     * Checks and normalises the rows the form posted, then lets Magento serialise them.
     *
     * @return $this
     * @throws LocalizedException when a row is invalid (nothing is saved)
     */
    public function beforeSave()
    {
        $value = $this->getValue();
        // bin/magento config:set hands the backend model the JSON text itself: checked the same way.
        if (is_string($value) && trim($value) !== '') {
            $decoded = json_decode($value, true);
            if (!is_array($decoded)) {
                throw new LocalizedException(__('The routing rules must be a JSON object of rows.'));
            }
            $value = $decoded;
        }
        if (is_array($value)) {
            unset($value['__empty']);
            $this->setValue($this->normaliseRows($value));
        }
        return parent::beforeSave();
    }

    /**
     * The rows as they are stored, keyed by row id in the given order.
     *
     * @param array $rows row id => posted row
     * @return array<string, array<string, string>>
     * @throws LocalizedException naming the first invalid row
     */
    public function normaliseRows(array $rows): array
    {
        if (count($rows) > self::MAX_RULES) {
            throw new LocalizedException(__('At most %1 routing rules can be saved.', self::MAX_RULES));
        }
        $result = [];
        $codes = [];
        $position = 0;
        foreach ($rows as $rowId => $row) {
            $position++;
            if (!is_array($row)) {
                throw new LocalizedException(__('Routing rule %1 could not be read.', $position));
            }
            $clean = $this->normaliseRow($row, $position);
            if (isset($codes[$clean['code']])) {
                throw new LocalizedException(__(
                    'Routing rule %1 (%2): the code %2 is already used by rule %3.',
                    $position,
                    $clean['code'],
                    $codes[$clean['code']]
                ));
            }
            $codes[$clean['code']] = $position;
            $result[(string)$rowId] = $clean;
        }
        return $result;
    }

    /**
     * One row checked and normalised.
     *
     * @param array $row
     * @param int $position 1-based, shown to the admin
     * @return array<string, string>
     * @throws LocalizedException
     */
    private function normaliseRow(array $row, int $position): array
    {
        $text = static fn (string $key): string => is_scalar($row[$key] ?? null) ? trim((string)$row[$key]) : '';
        $code = $text('code');
        $name = $code !== '' ? $code : ($text('label') !== '' ? $text('label') : '—');
        if (!preg_match(self::CODE_PATTERN, $code)) {
            throw new LocalizedException(__(
                'Routing rule %1 (%2): the code must be 1 to 32 characters: lowercase letters, digits, _ or -.',
                $position,
                $name
            ));
        }
        $label = $text('label') !== '' ? $text('label') : $code;
        if (mb_strlen($label) > self::MAX_LABEL || preg_match('/[\x00-\x1F\x7F]/', $label)) {
            throw new LocalizedException(__(
                'Routing rule %1 (%2): the label must be at most 255 characters, on one line.',
                $position,
                $name
            ));
        }
        $route = $text('route');
        if (!preg_match(self::ROUTE_PATTERN, $route)) {
            throw new LocalizedException(__(
                'Routing rule %1 (%2): the route must be 1 to 32 characters: letters, digits, _ or -.',
                $position,
                $name
            ));
        }
        $priority = $text('priority');
        if (!preg_match('/^\d{1,3}$/', $priority) || (int)$priority > 100) {
            throw new LocalizedException(__(
                'Routing rule %1 (%2): the priority must be a whole number from 0 to 100.',
                $position,
                $name
            ));
        }
        $message = $text('message');
        if ($message !== '' && !preg_match(self::MESSAGE_PATTERN, $message)) {
            throw new LocalizedException(__(
                'Routing rule %1 (%2): the message must be empty or a sound name such as bandeau/order-on-its-way.',
                $position,
                $name
            ));
        }
        $sales = $text('min_lifetime_sales');
        if ($sales !== '' && !preg_match('/^\d{1,12}(\.\d{1,4})?$/', $sales)) {
            throw new LocalizedException(__(
                'Routing rule %1 (%2): the minimum lifetime sales must be a number, 0 or more (e.g. 1000.50).',
                $position,
                $name
            ));
        }
        $days = $text('shipped_within_days');
        if ($days !== '' && (!preg_match('/^\d{1,4}$/', $days) || (int)$days < 1 || (int)$days > self::MAX_DAYS)) {
            throw new LocalizedException(__(
                'Routing rule %1 (%2): shipped within (days) must be a whole number from 1 to %3.',
                $position,
                $name,
                self::MAX_DAYS
            ));
        }
        $groups = $this->idList($row['customer_groups'] ?? '');
        if ($groups === null) {
            throw new LocalizedException(__(
                'Routing rule %1 (%2): the customer groups must be group ids.',
                $position,
                $name
            ));
        }
        $stores = $this->idList($row['store_ids'] ?? '');
        if ($stores === null) {
            throw new LocalizedException(__(
                'Routing rule %1 (%2): the store views must be store ids.',
                $position,
                $name
            ));
        }
        $statuses = $this->statusList($text('order_statuses'));
        if ($statuses === null) {
            throw new LocalizedException(__(
                'Routing rule %1 (%2): the order statuses must be status codes separated by commas.',
                $position,
                $name
            ));
        }
        $choices = [
            'active' => [['1', '0'], __('Active')],
            'vip' => [['', '1', '0'], __('VIP')],
            'order' => [array_merge([''], self::ORDER_CONDITIONS), __('Open Order')],
            'open_cart' => [['', '1', '0'], __('Open Cart')],
            'unknown_number' => [['', '1', '0'], __('Number')],
        ];
        $chosen = [];
        foreach ($choices as $key => [$allowed, $column]) {
            $value = $text($key);
            if ($key === 'active' && $value === '') {
                $value = '1';
            }
            if (!in_array($value, $allowed, true)) {
                throw new LocalizedException(__(
                    'Routing rule %1 (%2): "%3" is not a valid choice for %4.',
                    $position,
                    $name,
                    $value,
                    $column
                ));
            }
            $chosen[$key] = $value;
        }
        return [
            'code' => $code,
            'label' => $label,
            'active' => $chosen['active'],
            'customer_groups' => $groups,
            'vip' => $chosen['vip'],
            'min_lifetime_sales' => $sales,
            'order' => $chosen['order'],
            'order_statuses' => $statuses,
            'shipped_within_days' => $days === '' ? '' : (string)(int)$days,
            'open_cart' => $chosen['open_cart'],
            'store_ids' => $stores,
            'unknown_number' => $chosen['unknown_number'],
            'route' => $route,
            'priority' => (string)(int)$priority,
            'message' => $message,
        ];
    }

    /**
     * Ids from a multiselect (array) or a comma-separated string, as "1,4"; null when one is not an id.
     *
     * @param mixed $value
     * @return string|null
     */
    private function idList($value): ?string
    {
        if (is_string($value) || is_int($value)) {
            $value = explode(',', (string)$value);
        }
        if (!is_array($value) || count($value) > 100) {
            return null;
        }
        $ids = [];
        foreach ($value as $id) {
            $id = is_scalar($id) ? trim((string)$id) : 'x';
            if ($id === '') {
                continue;
            }
            if (!preg_match('/^\d{1,10}$/', $id)) {
                return null;
            }
            $ids[(int)$id] = (string)(int)$id;
        }
        return implode(',', $ids);
    }

    /**
     * Order status codes as "pending,fraud"; null when one is not a status code.
     *
     * @param string $value
     * @return string|null
     */
    private function statusList(string $value): ?string
    {
        $statuses = [];
        foreach (explode(',', $value) as $status) {
            $status = trim($status);
            if ($status === '') {
                continue;
            }
            if (!preg_match(self::STATUS_PATTERN, $status)) {
                return null;
            }
            $statuses[$status] = $status;
        }
        return count($statuses) > 50 ? null : implode(',', $statuses);
    }
}
