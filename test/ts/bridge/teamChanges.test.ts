/**
 * Team changes scale with the changes, not with agents × team: connections arriving within one
 * window reach every agent as ONE message (the same for all), and each connecting agent gets the
 * team as the others were last told it.
 */
import { connect, startBridge, token, type Harness, type TestClient } from '../helpers/bridgeHarness';
import { colleaguesSeen } from '../helpers/colleaguesSeen';
import { waitFor } from '../outbox/support/processes';

const WINDOW_MS = 1500;
const N = 12;

describe('team changes gathered per window', () => {
  let h: Harness;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    // A long window, so that N connections surely land in one on a loaded machine.
    h = await startBridge({ teamWindowMs: WINDOW_MS });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await h.stop();
  });
  const agent = async (userId: number) => {
    // As the current worker, which declares colleagues.changed.
    const c = await connect(h.url, await token({ userId, extension: String(7100 + userId), name: `Agent ${String(userId).padStart(2, '0')}` }));
    clients.push(c);
    return c;
  };
  const changes = (c: TestClient) => c.messages.filter((m) => m.type === 'colleagues.changed');
  const lists = (c: TestClient) => c.messages.filter((m) => m.type === 'colleagues');

  it(`${N} connections in one window: one change message per socket, not ${N} lists`, async () => {
    const first = await agent(1);
    await waitFor('the first window', () => changes(first).length === 1, 5000);
    const started = Date.now();
    const arrivals = await Promise.all(Array.from({ length: N }, (_, i) => agent(i + 2)));
    expect(Date.now() - started).toBeLessThan(WINDOW_MS);
    const everyone = [first, ...arrivals];
    await waitFor('the change', () => everyone.every((c) => changes(c).length >= (c === first ? 2 : 1)), 5000);
    await new Promise((r) => setTimeout(r, WINDOW_MS + 300));
    // Each arrival: its whole list at connect (the team as last told: agent 1), then the one change.
    for (const c of arrivals) {
      expect(lists(c)).toEqual([{ type: 'colleagues', colleagues: [{ name: 'Agent 01', extension: '7101', status: 'available' }] }]);
      expect(changes(c)).toHaveLength(1);
    }
    expect(lists(first)).toHaveLength(1);
    expect(changes(first)).toHaveLength(2);
    // The same message for all: the N arrivals, nothing gone.
    const change = changes(first)[1]!;
    for (const c of arrivals) expect(changes(c)[0]).toEqual(change);
    expect(change.type === 'colleagues.changed' && change.colleagues.map((x) => x.extension).sort()).toEqual(arrivals.map((_, i) => String(7102 + i)));
    // Every worker then holds the whole team but itself, in name order.
    const team = everyone.map((_, i) => String(7101 + i));
    everyone.forEach((c, i) => expect(colleaguesSeen(c.messages, team[i]!).map((x) => x.extension)).toEqual(team.filter((_, j) => j !== i)));

    // A status change and a leave in one window: one more message, with just those two.
    arrivals[0]!.socket.emit('bandeau:cmd', { type: 'agent.setStatus', status: 'away' });
    arrivals[1]!.close();
    await waitFor('the next change', () => changes(first).length === 3, 5000);
    expect(changes(first)[2]).toEqual({
      type: 'colleagues.changed',
      colleagues: [
        { name: 'Agent 02', extension: '7102', status: 'away' },
        { name: 'Agent 03', extension: '7103', status: 'offline' },
      ],
      gone: [],
    });
  });
});
