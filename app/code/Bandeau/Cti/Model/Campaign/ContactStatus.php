<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * Contact states and call outcomes.
 */
class ContactStatus
{
    public const NEW = 'new';
    public const RETRY = 'retry';
    public const CALLBACK = 'callback';
    public const DONE = 'done';

    public const REACHED_ORDERED = 'reached_ordered';
    public const WILL_ORDER = 'will_order';
    public const NOT_INTERESTED = 'not_interested';
    public const OUTCOME_CALLBACK = 'callback';
    public const NO_ANSWER = 'no_answer';
    public const WRONG_NUMBER = 'wrong_number';
    /** Set on pending contacts when the customer opts out; never sent by the phone bar. */
    public const OPTED_OUT = 'opted_out';

    public const OUTCOMES = [
        self::REACHED_ORDERED,
        self::WILL_ORDER,
        self::NOT_INTERESTED,
        self::OUTCOME_CALLBACK,
        self::NO_ANSWER,
        self::WRONG_NUMBER,
    ];

    /** Outcomes that mean a person was reached on the phone. */
    public const REACHED = [self::REACHED_ORDERED, self::WILL_ORDER, self::NOT_INTERESTED, self::OUTCOME_CALLBACK];
}
