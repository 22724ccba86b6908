<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Call;

use Bandeau\Cti\Api\Data\CallInterface;
use Magento\Framework\Api\SearchCriteriaInterface;
use Magento\Framework\Api\SortOrder;
use Magento\Framework\Exception\InputException;

/**
 * Turns search criteria into a parameterised WHERE / ORDER BY / LIMIT on bandeau_call.
 * Only call record fields are accepted; values are always bound, never inlined.
 */
class CallSearchQuery
{
    public const MAX_PAGE_SIZE = 500;
    public const DEFAULT_PAGE_SIZE = 50;

    private const OPERATORS = [
        'eq' => '=', 'neq' => '<>', 'gt' => '>', 'gteq' => '>=', 'lt' => '<', 'lteq' => '<=',
        'from' => '>=', 'to' => '<=', 'like' => 'LIKE', 'nlike' => 'NOT LIKE',
    ];

    /**
     * @param CallMapper $mapper
     */
    public function __construct(private CallMapper $mapper)
    {
    }

    /**
     * The WHERE condition of the criteria's filter groups (OR inside a group, AND between groups).
     *
     * @param SearchCriteriaInterface $criteria
     * @return array{0: string, 1: array<int, mixed>} SQL condition and its bound values
     * @throws InputException
     */
    public function where(SearchCriteriaInterface $criteria): array
    {
        $groups = [];
        $bind = [];
        foreach ($criteria->getFilterGroups() ?? [] as $group) {
            $ors = [];
            foreach ($group->getFilters() ?? [] as $filter) {
                $column = $this->column((string)$filter->getField());
                $type = strtolower((string)($filter->getConditionType() ?: 'eq'));
                $value = $filter->getValue();
                if ($type === 'null' || $type === 'notnull') {
                    $ors[] = sprintf('`%s` IS %sNULL', $column, $type === 'notnull' ? 'NOT ' : '');
                } elseif ($type === 'in' || $type === 'nin') {
                    $values = is_array($value) ? $value : explode(',', (string)$value);
                    $values = array_map(fn ($v) => $this->value((string)$filter->getField(), $v), $values);
                    if ($values === []) {
                        $ors[] = $type === 'in' ? '0 = 1' : '1 = 1';
                        continue;
                    }
                    $ors[] = sprintf(
                        '`%s` %sIN (%s)',
                        $column,
                        $type === 'nin' ? 'NOT ' : '',
                        implode(', ', array_fill(0, count($values), '?'))
                    );
                    array_push($bind, ...$values);
                } elseif (isset(self::OPERATORS[$type])) {
                    $ors[] = sprintf('`%s` %s ?', $column, self::OPERATORS[$type]);
                    $bind[] = $this->value((string)$filter->getField(), $value);
                } else {
                    throw new InputException(__('Invalid condition type "%1".', $type));
                }
            }
            if ($ors !== []) {
                $groups[] = '(' . implode(' OR ', $ors) . ')';
            }
        }
        return [$groups === [] ? '1 = 1' : implode(' AND ', $groups), $bind];
    }

    /**
     * The ORDER BY of the criteria's sort orders, newest calls last resort.
     *
     * @param SearchCriteriaInterface $criteria
     * @throws InputException
     */
    public function orderBy(SearchCriteriaInterface $criteria): string
    {
        $parts = [];
        foreach ($criteria->getSortOrders() ?? [] as $sortOrder) {
            $direction = strtoupper((string)$sortOrder->getDirection()) === SortOrder::SORT_ASC ? 'ASC' : 'DESC';
            $parts[] = sprintf('`%s` %s', $this->column((string)$sortOrder->getField()), $direction);
        }
        $parts[] = '`started_at` DESC';
        $parts[] = '`entity_id` DESC';
        return implode(', ', array_unique($parts));
    }

    /**
     * The LIMIT/OFFSET of the criteria's page (page size capped at MAX_PAGE_SIZE).
     *
     * @param SearchCriteriaInterface $criteria
     * @return string
     */
    public function limit(SearchCriteriaInterface $criteria): string
    {
        $size = (int)($criteria->getPageSize() ?: self::DEFAULT_PAGE_SIZE);
        $size = max(1, min(self::MAX_PAGE_SIZE, $size));
        $page = max(1, (int)($criteria->getCurrentPage() ?: 1));
        return sprintf(' LIMIT %d OFFSET %d', $size, ($page - 1) * $size);
    }

    /**
     * The column of a searchable call field; refuses the others.
     *
     * @param string $field
     * @throws InputException
     */
    private function column(string $field): string
    {
        if ($field === CallInterface::LINKED_IDS || !isset(CallMapper::COLUMNS[$field])) {
            throw new InputException(__('"%1" cannot be used to search calls.', $field));
        }
        return CallMapper::COLUMNS[$field];
    }

    /**
     * A filter value as stored: ISO-8601 times become UTC DATETIME strings.
     *
     * @param string $field
     * @param mixed $value
     * @return mixed
     */
    private function value(string $field, mixed $value): mixed
    {
        if (in_array($field, CallMapper::TIME_FIELDS, true) && is_string($value)) {
            return $this->mapper->isoToDb($value) ?? $value;
        }
        return is_scalar($value) ? $value : null;
    }
}
