import type { MyDayResponse } from '../protocol/messages';
import type { ContractCall } from '../outbox/record';
import { normalizePhone } from '../phone';
import type { DemoAgent, DemoDirectory } from './directory';

/** The demo store's time zone (Magento's general/locale/timezone): its day, its Calls grid, the bar's times. */
export const DEMO_TIME_ZONE = 'UTC';

const MISSED = new Set(['missed', 'abandoned']);
/** As AgentDaySummary::CALL_BACK_LIMIT. */
const CALL_BACK_LIMIT = 50;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The outside party of a call as Magento's party_key holds it (E.164 when it reads as a number). */
function partyKey(c: ContractCall): string | null {
  const n = c.direction === 'inbound' ? c.from : c.direction === 'outbound' ? c.to : null;
  if (!n) return null;
  const e = normalizePhone(n, 'FR');
  return e.ok ? e.e164 : n;
}

/**
 * The demo's stand-in for POST bandeau/analytics/myday (Model/Analytics/AgentDaySummary.php), over
 * the calls the bridge delivered to the demo's call log, with the same rules: the day is the store's
 * (the demo's store time zone is UTC); the agent's calls are those on their user id or extension or
 * transferred to them, and the inbound calls missed before anyone took them unless they rang another
 * agent's extension; a missed call is to call back while its party has no later call.
 */
export function demoMyDay(
  calls: ContractCall[],
  agent: DemoAgent,
  agents: DemoAgent[],
  dir: DemoDirectory,
  campaigns: (from: number, to: number) => MyDayResponse['campaigns'],
  now: number,
): MyDayResponse {
  const from = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  const to = from + 86_400_000;
  const at = (c: ContractCall) => Date.parse(c.started_at);
  const talked = (c: ContractCall) => c.agent_user_id === agent.userId || (c.agent_user_id == null && c.agent_extension === agent.extension);
  const own = (c: ContractCall) => talked(c) || c.transferred_to === agent.extension;
  const missed = (c: ContractCall) => c.direction === 'inbound' && MISSED.has(c.disposition ?? '');
  const nobodyTook = (c: ContractCall) =>
    missed(c) && c.agent_user_id == null && !c.agent_extension && !agents.some((a) => a.userId !== agent.userId && a.extension === c.to);
  const today = calls.filter((c) => at(c) >= from && at(c) < to && (own(c) || nobodyTook(c)));
  const missedToday = today.filter(missed);
  const later = (c: ContractCall) => calls.some((l) => l !== c && partyKey(l) === partyKey(c) && at(l) >= at(c) && (at(l) > at(c) || l.call_id > c.call_id));
  const callBack = missedToday
    .filter((c) => partyKey(c) !== null && c.from && !later(c))
    .sort((a, b) => at(b) - at(a))
    .slice(0, CALL_BACK_LIMIT)
    .map((c) => {
      const customer = dir.customers.find((x) => x.id === c.customer_id);
      return {
        callId: c.call_id,
        number: c.from as string,
        name: customer ? `${customer.firstname} ${customer.lastname}` : null,
        customerId: customer?.id ?? null,
        at: iso(at(c)),
        disposition: c.disposition as 'missed' | 'abandoned',
        times: missedToday.filter((m) => partyKey(m) === partyKey(c)).length,
      };
    });
  return {
    day: { date: iso(from).slice(0, 10), timeZone: DEMO_TIME_ZONE, from: iso(from), to: iso(to) },
    calls: {
      total: today.length,
      answered: today.filter((c) => c.disposition === 'answered').length,
      missed: missedToday.length,
      talkS: today.filter(talked).reduce((s, c) => s + (c.talk_s ?? 0), 0),
    },
    callBack,
    campaigns: campaigns(from, to),
  };
}
