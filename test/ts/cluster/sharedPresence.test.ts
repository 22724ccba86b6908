/**
 * What one bridge instance shows of the other instances' agents (cluster/sharedPresence.ts):
 * announcements and full reads merged in order, an agent online anywhere shows online, a silent
 * instance's agents go offline then away.
 */
import { SharedPresence } from '../../../bridge/src/cluster/sharedPresence';
import type { PresenceEntry } from '../../../bridge/src/cluster/presenceStore';
import { SessionStore } from '../../../bridge/src/agents/sessionStore';
import { colleagueView, colleaguesFor, teamOf } from '../../../bridge/src/agents/colleagues';
import { byName } from '../../../bridge/src/protocol/colleagueList';

const STALE = 15_000;
const GRACE = 60_000;

function setup() {
  let now = 1_000_000;
  const shared = new SharedPresence('self', STALE, GRACE, () => now);
  return { shared, advance: (ms: number) => (now += ms), now: () => now };
}

const entry = (over: Partial<PresenceEntry>): PresenceEntry => ({ userId: 7, name: 'Zoé', extension: '7007', status: 'available', online: true, instance: 'b', at: 1, ...over });

test('an agent online on one instance and gone from another shows online; our own entries are ignored', () => {
  const { shared } = setup();
  expect(shared.merge([entry({ instance: 'b', online: false, at: 5 }), entry({ instance: 'c', status: 'busy', at: 3 }), entry({ instance: 'self', userId: 8 })])).toBe(true);
  expect(shared.agents()).toEqual([{ userId: 7, name: 'Zoé', extension: '7007', status: 'busy', online: true }]);
  expect(shared.onlineElsewhere(7)).toBe(true);
  expect(shared.onlineElsewhere(8)).toBe(false);
});

test('an older copy never replaces a newer one; an unchanged one changes nothing', () => {
  const { shared } = setup();
  shared.merge([entry({ status: 'away', at: 10 })]);
  expect(shared.merge([entry({ status: 'available', at: 9 })])).toBe(false);
  expect(shared.merge([entry({ status: 'away', at: 11 })])).toBe(false);
  expect(shared.agents()[0]!.status).toBe('away');
});

test('a full read replaces what we knew, but not what was heard after it began, nor an entry removed since', () => {
  const { shared, advance, now } = setup();
  shared.merge([entry({ userId: 1, at: 1 }), entry({ userId: 2, at: 1 })]);
  const startedAt = now();
  advance(10);
  shared.merge([entry({ userId: 3, at: 20 })]); // announced while the read was under way
  shared.remove('b', [2]);
  // The read still had 2, not yet 3, and no longer 1.
  shared.replace({ entries: [entry({ userId: 2, at: 1 })], beats: new Map([['b', startedAt]]), fields: ['b|2'] }, startedAt);
  expect(shared.agents().map((a) => a.userId).sort()).toEqual([3]);
});

test('a silent instance: its agents offline after the stale time, forgotten after the grace; a stopped one offline at once', () => {
  const { shared, advance } = setup();
  shared.merge([entry({ instance: 'b', userId: 1 }), entry({ instance: 'c', userId: 2, at: 2 })]);
  advance(STALE + 1);
  shared.merge([entry({ instance: 'c', userId: 2, at: 3 })]); // c is alive
  expect(shared.agents().sort((x, y) => x.userId - y.userId).map((a) => [a.userId, a.online])).toEqual([
    [1, false],
    [2, true],
  ]);
  expect(shared.gone('c')).toBe(true);
  expect(shared.agents().every((a) => !a.online)).toBe(true);
  advance(GRACE - 1);
  expect(shared.agents().map((a) => a.userId).sort()).toEqual([1, 2]); // offline, within the grace
  expect(shared.dead()).toEqual([]);
  advance(2);
  expect(shared.agents()).toEqual([]);
  expect(shared.dead().sort()).toEqual(['b', 'c']);
  shared.forget('b');
  expect(shared.dead()).toEqual(['c']);
});

test('the team: a local session wins unless it left and the agent is online elsewhere; lists in name order', () => {
  const sessions = new SessionStore(60_000);
  const ident = (userId: number, name: string, extension: string) => ({ userId, name, extension, permissions: [], expiresAt: 2_000_000_000, tokenId: 1 });
  sessions.attach(ident(1, 'Bruno', '7001'), 's1');
  sessions.attach(ident(2, 'Anna', '7002'), 's2');
  sessions.detach(2, 's2');
  const team = teamOf(sessions, [
    { userId: 1, name: 'Bruno', extension: '7001', status: 'dnd', online: false },
    { userId: 2, name: 'Anna', extension: '7002', status: 'busy', online: true },
    { userId: 3, name: 'Chloé', extension: '7003', status: 'away', online: false },
  ]);
  const sorted = [...colleagueView(team).values()].sort(byName);
  expect(colleaguesFor(sorted, '7099')).toEqual([
    { name: 'Anna', extension: '7002', status: 'busy' },
    { name: 'Bruno', extension: '7001', status: 'available' },
    { name: 'Chloé', extension: '7003', status: 'offline' },
  ]);
  // The agent's own extension is not in their list.
  expect(colleaguesFor(sorted, '7001').map((c) => c.extension)).toEqual(['7002', '7003']);
});
