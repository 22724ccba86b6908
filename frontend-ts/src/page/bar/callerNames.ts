import type { ViewState } from '../../../../bridge/src/protocol/messages';
import { farNumber } from '../../../../bridge/src/protocol/pageSide';
import type { PageCommand } from '../sessionLink';

/**
 * Tells the bridge who the caller of each of the agent's calls is, as their lookup found them
 * (the only customer with that number, or the one they chose): the bridge keeps the name with
 * the call, so the recent calls still name the person in a new browser session. Once per call
 * and name from this page; the bridge ignores a name it already has.
 */
export function createCallerNames(send: (c: PageCommand) => void): (state: ViewState, chosen: Record<string, number>) => void {
  const sent = new Set<string>();
  return (state, chosen) => {
    for (const call of [...state.calls, ...state.recent]) {
      const number = farNumber(call);
      if (!number) continue;
      const customers = state.lookups[number]?.result?.customers ?? [];
      const pick = customers.length === 1 ? customers[0] : customers.find((c) => c.customerId === chosen[call.id]);
      if (!pick || call.names?.[number] === pick.name) continue;
      const key = `${call.id}\u0000${pick.name}`;
      if (sent.has(key)) continue;
      if (sent.size > 500) sent.clear();
      sent.add(key);
      send({ type: 'agent.callerName', callId: call.id, name: pick.name.slice(0, 255) });
    }
  };
}
