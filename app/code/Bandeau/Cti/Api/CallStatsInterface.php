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
 * rounded to 4 places, 0.0 when the denominator is 0; averages are float seconds rounded to 1 place):
 * - filter: ['from', 'to', 'storeId', 'direction', 'agentUserId'] (named)
 * - totals: ['calls', 'answered', 'missed', 'abandoned', 'other', 'answerRate', 'missedRate',
 *   'abandonedRate', 'avgRingS', 'avgTalkS'] (named); rates over calls, averages over answered calls
 * - heatmap: 168 rows [dow 1..7 (ISO, Monday = 1), hour 0..23, calls, missed (missed + abandoned)],
 *   dow then hour order
 * - daily: one [date, calls, answered, missed, abandoned] per local date of the range, zeros included
 * - byRoute, byQueue: [key ('' = none), calls, answered, missed, abandoned, answerRate, avgRingS, avgTalkS]
 *   for every key with calls > 0, calls desc then key asc
 * - byAgent: [agentUserId, name, answered, transfersIn, handled (answered + transfersIn), missed (always
 *   0), talkS, avgTalkS (talkS / answered)] for every agent id > 0 with calls or transfers in, handled
 *   desc then agentUserId asc
 * - missedHours: top 5 heat map cells [dow, hour, missed (missed + abandoned), calls] with missed > 0,
 *   missed desc, dow asc, hour asc
 * - sales: ['windowDays', 'orders', 'revenue' (float, 2 places), 'byAgent' [[agentUserId, name, orders,
 *   revenue]], 'byRoute' [[route, orders, revenue]], 'byCampaign' [[campaignId, name, orders, revenue]]]
 *   (named keys); every group present (agent 0 and route '' included, campaign 0 left out), revenue
 *   desc then key asc; filtered by call_local_date, store, direction and agent
 * - campaigns: [[campaignId, name, called, calledConverted, calledRate, holdout, holdoutConverted,
 *   holdoutRate]] for campaigns whose COALESCE(built_at, created_at) falls in the range (local dates),
 *   campaignId asc; not narrowed by store, direction or agent
 * - unknownCallers: top 20 [number, calls, missed, lastCallAt (UTC 'Y-m-d H:i:s')], calls desc, number
 *   asc; inbound only (empty when the direction filter is outbound or internal), not narrowed by store
 *   or agent (an unknown caller has neither)
 *
 * Names: an admin user's "firstname lastname" (trimmed), else its username, else "#id"; a campaign's
 * name, else "#id"; agent 0 / campaign 0 are named ''.
 * Rows of the lists are positional lists; the top level, 'filter', 'totals' and 'sales' are named.
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
