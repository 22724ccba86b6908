<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Bandeau\Cti\Api\CallStatsInterface;

/**
 * Turns grouped sums into the figures CallStatsInterface describes: rates, averages, zero-filled heat
 * map and days, row order and tie-breaks. Both implementations (aggregates, raw calls) go through it,
 * so they differ only in where the sums come from.
 */
class Figures
{
    /** Sum columns of a group of calls, as every query names them. */
    public const SUMS = ['calls', 'answered', 'missed', 'abandoned', 'other', 'ring_s', 'talk_s'];
    /** The blocks after 'filter', in the contract's order. */
    public const BLOCKS = ['totals', 'heatmap', 'daily', 'byRoute', 'byQueue', 'byAgent', 'missedHours', 'sales',
        'campaigns', 'unknownCallers'];

    /**
     * A share rounded to 4 places, 0.0 when there is nothing to divide.
     *
     * @param int|float $part
     * @param int|float $whole
     * @return float
     */
    public function rate(int|float $part, int|float $whole): float
    {
        return $whole > 0 ? round($part / $whole, 4) : 0.0;
    }

    /**
     * An average in seconds rounded to 1 place, 0.0 over nothing.
     *
     * @param int|float $sum
     * @param int|float $count
     * @return float
     */
    public function average(int|float $sum, int|float $count): float
    {
        return $count > 0 ? round($sum / $count, 1) : 0.0;
    }

    /**
     * The totals block from one row of SUMS (missing sums count 0).
     *
     * @param array<string, mixed> $sums
     * @return array<string, int|float>
     */
    public function totals(array $sums): array
    {
        $s = $this->ints($sums);
        return [
            'calls' => $s['calls'],
            'answered' => $s['answered'],
            'missed' => $s['missed'],
            'abandoned' => $s['abandoned'],
            'other' => $s['other'],
            'answerRate' => $this->rate($s['answered'], $s['calls']),
            'missedRate' => $this->rate($s['missed'], $s['calls']),
            'abandonedRate' => $this->rate($s['abandoned'], $s['calls']),
            'avgRingS' => $this->average($s['ring_s'], $s['answered']),
            'avgTalkS' => $this->average($s['talk_s'], $s['answered']),
        ];
    }

    /**
     * All 168 cells of the week, Monday 0h first, from rows with dow, hour, calls and missed.
     *
     * @param array<int, array<string, mixed>> $rows missed = missed + abandoned
     * @return array<int, array{0: int, 1: int, 2: int, 3: int}>
     */
    public function heatmap(array $rows): array
    {
        $cells = [];
        foreach ($rows as $row) {
            $key = (int)$row['dow'] . ':' . (int)$row['hour'];
            $cells[$key] = [
                ($cells[$key][0] ?? 0) + (int)$row['calls'],
                ($cells[$key][1] ?? 0) + (int)$row['missed'],
            ];
        }
        $heatmap = [];
        for ($dow = 1; $dow <= 7; $dow++) {
            for ($hour = 0; $hour < 24; $hour++) {
                $cell = $cells[$dow . ':' . $hour] ?? [0, 0];
                $heatmap[] = [$dow, $hour, $cell[0], $cell[1]];
            }
        }
        return $heatmap;
    }

    /**
     * The staffing hint: the heat map cells with the most missed calls.
     *
     * @param array<int, array{0: int, 1: int, 2: int, 3: int}> $heatmap
     * @return array<int, array{0: int, 1: int, 2: int, 3: int}> [dow, hour, missed, calls]
     */
    public function missedHours(array $heatmap): array
    {
        $cells = array_values(array_filter($heatmap, static fn (array $cell): bool => $cell[3] > 0));
        usort(
            $cells,
            static fn (array $a, array $b): int => [$b[3], $a[0], $a[1]] <=> [$a[3], $b[0], $b[1]]
        );
        return array_map(
            static fn (array $cell): array => [$cell[0], $cell[1], $cell[3], $cell[2]],
            array_slice($cells, 0, CallStatsInterface::MISSED_HOURS)
        );
    }

    /**
     * One row per date of the range, zeros for days without calls.
     *
     * @param StatsFilter $filter
     * @param array<int, array<string, mixed>> $rows local_date, calls, answered, missed, abandoned
     * @return array<int, array{0: string, 1: int, 2: int, 3: int, 4: int}>
     */
    public function daily(StatsFilter $filter, array $rows): array
    {
        $byDate = [];
        foreach ($rows as $row) {
            $byDate[(string)$row['local_date']] = $this->ints($row);
        }
        $daily = [];
        foreach ($filter->dates() as $date) {
            $s = $byDate[$date] ?? $this->ints([]);
            $daily[] = [$date, $s['calls'], $s['answered'], $s['missed'], $s['abandoned']];
        }
        return $daily;
    }

    /**
     * Route or queue rows: groups with calls, calls desc then key asc.
     *
     * @param array<int, array<string, mixed>> $rows `k` (the key) and SUMS
     * @return array<int, array{0: string, 1: int, 2: int, 3: int, 4: int, 5: float, 6: float, 7: float}>
     */
    public function groups(array $rows): array
    {
        $groups = [];
        foreach ($rows as $row) {
            $s = $this->ints($row);
            if ($s['calls'] <= 0) {
                continue;
            }
            $groups[] = [
                (string)$row['k'], $s['calls'], $s['answered'], $s['missed'], $s['abandoned'],
                $this->rate($s['answered'], $s['calls']),
                $this->average($s['ring_s'], $s['answered']),
                $this->average($s['talk_s'], $s['answered']),
            ];
        }
        usort($groups, static fn (array $a, array $b): int => [$b[1], $a[0]] <=> [$a[1], $b[0]]);
        return $groups;
    }

    /**
     * Agent rows: every agent with calls or transfers in, handled desc then id asc.
     *
     * @param array<int, array<string, mixed>> $rows agent_user_id, calls, answered, transfers_in, talk_s
     * @param array<int, string> $names agent id => name
     * @return array<int, array{0: int, 1: string, 2: int, 3: int, 4: int, 5: int, 6: int, 7: float}>
     */
    public function agents(array $rows, array $names): array
    {
        $agents = [];
        foreach ($rows as $row) {
            $id = (int)$row['agent_user_id'];
            $answered = (int)$row['answered'];
            $transfersIn = (int)$row['transfers_in'];
            if ($id <= 0 || ((int)$row['calls'] <= 0 && $transfersIn <= 0)) {
                continue;
            }
            $talk = (int)$row['talk_s'];
            $agents[] = [
                $id, $names[$id] ?? '#' . $id, $answered, $transfersIn, $answered + $transfersIn, 0, $talk,
                $this->average($talk, $answered),
            ];
        }
        usort($agents, static fn (array $a, array $b): int => [$b[4], $a[0]] <=> [$a[4], $b[0]]);
        return $agents;
    }

    /**
     * The "calls that sold" block.
     *
     * @param int $windowDays
     * @param array<string, mixed> $total orders, revenue
     * @param array<string, array<int, array<string, mixed>>> $groups agent|route|campaign => rows of
     *     k, orders, revenue
     * @param array<int, string> $agentNames
     * @param array<int, string> $campaignNames
     * @return array<string, mixed>
     */
    public function sales(int $windowDays, array $total, array $groups, array $agentNames, array $campaignNames): array
    {
        return [
            'windowDays' => $windowDays,
            'orders' => (int)($total['orders'] ?? 0),
            'revenue' => round((float)($total['revenue'] ?? 0), 2),
            'byAgent' => $this->saleRows($groups['agent'] ?? [], true, $agentNames),
            'byRoute' => $this->saleRows($groups['route'] ?? [], false, []),
            'byCampaign' => $this->saleRows(
                array_filter($groups['campaign'] ?? [], static fn (array $row): bool => (int)$row['k'] > 0),
                true,
                $campaignNames
            ),
        ];
    }

    /**
     * Campaign rows with their rates, campaign id asc.
     *
     * @param array<int, array<string, mixed>> $rows campaign_id, name, called, called_converted, holdout,
     *     holdout_converted
     * @return array<int, array{0: int, 1: string, 2: int, 3: int, 4: float, 5: int, 6: int, 7: float}>
     */
    public function campaigns(array $rows): array
    {
        $campaigns = [];
        foreach ($rows as $row) {
            $id = (int)$row['campaign_id'];
            $called = (int)$row['called'];
            $calledConverted = (int)$row['called_converted'];
            $holdout = (int)$row['holdout'];
            $holdoutConverted = (int)$row['holdout_converted'];
            $campaigns[] = [
                $id, $this->name((string)($row['name'] ?? ''), $id), $called, $calledConverted,
                $this->rate($calledConverted, $called), $holdout, $holdoutConverted,
                $this->rate($holdoutConverted, $holdout),
            ];
        }
        usort($campaigns, static fn (array $a, array $b): int => $a[0] <=> $b[0]);
        return $campaigns;
    }

    /**
     * Top callers without an account, calls desc then number asc.
     *
     * @param array<int, array<string, mixed>> $rows number, calls, missed, last_call_at
     * @return array<int, array{0: string, 1: int, 2: int, 3: string}>
     */
    public function unknownCallers(array $rows): array
    {
        $callers = [];
        foreach ($rows as $row) {
            $callers[] = [
                (string)$row['number'], (int)$row['calls'], (int)$row['missed'],
                substr((string)$row['last_call_at'], 0, 19),
            ];
        }
        usort($callers, static fn (array $a, array $b): int => [$b[1], $a[0]] <=> [$a[1], $b[0]]);
        return array_slice($callers, 0, CallStatsInterface::UNKNOWN_CALLERS);
    }

    /**
     * The figures array in the contract's key order.
     *
     * @param StatsFilter $filter
     * @param array<string, mixed> $blocks the blocks by key (any order)
     * @return array<string, mixed>
     */
    public function assemble(StatsFilter $filter, array $blocks): array
    {
        $figures = [
            'filter' => [
                'from' => $filter->from,
                'to' => $filter->to,
                'storeId' => $filter->storeId,
                'direction' => $filter->direction,
                'agentUserId' => $filter->agentUserId,
            ],
        ];
        foreach (self::BLOCKS as $key) {
            $figures[$key] = $blocks[$key];
        }
        return $figures;
    }

    /**
     * An admin user's display name: "firstname lastname", else the username, else "#id".
     *
     * @param array<string, mixed> $user user_id, firstname, lastname, username
     * @return string
     */
    public function userName(array $user): string
    {
        $name = trim((string)($user['firstname'] ?? '') . ' ' . (string)($user['lastname'] ?? ''));
        return $this->name($name !== '' ? $name : (string)($user['username'] ?? ''), (int)$user['user_id']);
    }

    /**
     * A name, "#id" when empty, '' for id 0.
     *
     * @param string $name
     * @param int $id
     * @return string
     */
    private function name(string $name, int $id): string
    {
        if ($id === 0) {
            return '';
        }
        return $name !== '' ? $name : '#' . $id;
    }

    /**
     * Sale rows [key, (name,) orders, revenue], revenue desc then key asc.
     *
     * @param array<int, array<string, mixed>> $rows k, orders, revenue
     * @param bool $numericKey
     * @param array<int, string> $names
     * @return array<int, array<int, int|float|string>>
     */
    private function saleRows(array $rows, bool $numericKey, array $names): array
    {
        $out = [];
        foreach ($rows as $row) {
            $orders = (int)$row['orders'];
            $revenue = round((float)$row['revenue'], 2);
            if ($numericKey) {
                $id = (int)$row['k'];
                $out[] = [$id, $this->name($names[$id] ?? '', $id), $orders, $revenue];
            } else {
                $out[] = [(string)$row['k'], $orders, $revenue];
            }
        }
        usort($out, static fn (array $a, array $b): int => [end($b), $a[0]] <=> [end($a), $b[0]]);
        return $out;
    }

    /**
     * The SUMS of a row as ints, 0 when missing.
     *
     * @param array<string, mixed> $row
     * @return array<string, int>
     */
    private function ints(array $row): array
    {
        $ints = [];
        foreach (self::SUMS as $key) {
            $ints[$key] = (int)($row[$key] ?? 0);
        }
        return $ints;
    }
}
