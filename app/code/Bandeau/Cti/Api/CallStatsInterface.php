<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api;

use Bandeau\Cti\Model\Analytics\StatsFilter;

/**
 * Call analytics figures for the Reports › Calls dashboard, bucketed by local date and hour in the
 * reporting time zone (default-scope general/locale/timezone).
 *
 * Two implementations give the same figures: AggregateStats reads the aggregate tables (the dashboard),
 * RawStats computes them from the call log and the orders (benchmark baseline and test oracle).
 *
 * The returned array has exactly these keys, in this order (ints unless said; rates are floats 0..1
 * rounded to 4 places; averages are float seconds rounded to 1 place):
 * - filter: [from, to, storeId, direction, agentUserId]
 * - totals: [calls, answered, missed, abandoned, other, answerRate, missedRate, abandonedRate,
 *   avgRingS, avgTalkS]
 * - heatmap: 168 rows [dow 1..7 (ISO, Monday = 1), hour 0..23, calls, missed], dow then hour order
 * - daily: one [date, calls, answered, missed, abandoned] per local date of the range, zeros included
 * - byRoute, byQueue: [key, calls, answered, missed, abandoned, answerRate, avgRingS, avgTalkS],
 *   calls desc then key asc
 * - byAgent: [agentUserId, name, answered, transfersIn, handled, missed (always 0), talkS, avgTalkS],
 *   handled desc
 * - missedHours: top 5 [dow, hour, missed (missed + abandoned), calls], missed desc, dow asc, hour asc
 * - sales: [windowDays, orders, revenue (float, 2 places), byAgent [[agentUserId, name, orders, revenue]],
 *   byRoute [[route, orders, revenue]], byCampaign [[campaignId, name, orders, revenue]]]
 * - campaigns: [[campaignId, name, called, calledConverted, calledRate, holdout, holdoutConverted,
 *   holdoutRate]]
 * - unknownCallers: top 20 [number, calls, missed, lastCallAt (UTC 'Y-m-d H:i:s')], calls desc, number asc
 *
 * Rows are lists (positional), keys of the top level and of 'filter', 'totals' and 'sales' are named.
 *
 * @api
 */
interface CallStatsInterface
{
    public const HEATMAP_CELLS = 168;
    public const MISSED_HOURS = 5;
    public const UNKNOWN_CALLERS = 20;

    /**
     * The dashboard's figures for a filter.
     *
     * @param \Bandeau\Cti\Model\Analytics\StatsFilter $filter
     * @return array<string, mixed>
     */
    public function figures(StatsFilter $filter): array;
}
