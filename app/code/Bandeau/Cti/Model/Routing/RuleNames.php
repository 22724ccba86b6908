<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing;

/**
 * The names and values of the routing contract, checked on both sides (Magento on read, the
 * bridge on use): anything else never reaches a channel variable.
 */
class RuleNames
{
    public const ROUTE = '/^[A-Za-z0-9_-]{1,32}$/';
    public const CODE = '/^[a-z0-9_-]{1,32}$/';
    public const MESSAGE = '/^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_-]{1,64}){0,3}$/';
    public const ORDER_INCREMENT_ID = '/^[A-Za-z0-9_-]{1,32}$/';
    /** Order status codes as Magento names them (sales_order_status.status, varchar 32). */
    public const ORDER_STATUS = '/^[a-z0-9_]{1,32}$/';

    public const REASON_RULE = 'rule';
    public const REASON_NO_MATCH = 'no_match';
    public const REASON_UNKNOWN_NUMBER = 'unknown_number';
    public const REASON_NO_CALLER_ID = 'no_caller_id';
    public const REASON_TIMEOUT = 'timeout';
    public const REASON_ERROR = 'error';
    public const REASONS = [
        self::REASON_RULE,
        self::REASON_NO_MATCH,
        self::REASON_UNKNOWN_NUMBER,
        self::REASON_NO_CALLER_ID,
        self::REASON_TIMEOUT,
        self::REASON_ERROR,
    ];

    public const ORDER_ANY_OPEN = 'any_open';
    public const ORDER_NOT_SHIPPED = 'not_shipped';
    public const ORDER_PAYMENT_PROBLEM = 'payment_problem';
    public const ORDER_PAYMENT_REVIEW = 'payment_review';
    public const ORDER_HOLDED = 'holded';
    public const ORDER_CONDITIONS = [
        self::ORDER_ANY_OPEN,
        self::ORDER_NOT_SHIPPED,
        self::ORDER_PAYMENT_PROBLEM,
        self::ORDER_PAYMENT_REVIEW,
        self::ORDER_HOLDED,
    ];

    public const FALLBACK_ROUTE = 'default';
    public const FALLBACK_PRIORITY = 0;
    public const MAX_PRIORITY = 100;
}
