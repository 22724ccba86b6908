/**
 * The transfer list kept up to date from changes: what the bridge computes from two views of the
 * team (colleaguesDelta) merged by the worker (mergeColleagues) gives the list the bridge would
 * have sent whole.
 */
import { COLLEAGUES_MAX, byName, colleaguesDelta, mergeColleagues } from '../../../bridge/src/protocol/colleagueList';
import { ServerMessage, parseMessage, type Colleague } from '../../../bridge/src/protocol/messages';

const c = (extension: string, name: string, status: Colleague['status'] = 'available'): Colleague => ({ name, extension, status });
const view = (list: Colleague[]) => new Map(list.map((x) => [x.extension, x]));
/** The whole list an agent on `own` would get at connect. */
const whole = (list: Colleague[], own: string) => list.filter((x) => x.extension !== own).sort(byName).slice(0, COLLEAGUES_MAX);

describe('colleague list changes (bridge diff, worker merge)', () => {
  test('a colleague appears, changes status, goes offline, is forgotten; the agent never lists themself', () => {
    const steps: Colleague[][] = [
      [c('7005', 'Agent Five')],
      [c('7005', 'Agent Five'), c('7006', 'Bruno Petit')],
      [c('7005', 'Agent Five'), c('7006', 'Bruno Petit'), c('7007', 'Émilie Roux')],
      [c('7005', 'Agent Five', 'busy'), c('7006', 'Bruno Petit', 'busy'), c('7007', 'Émilie Roux')],
      [c('7005', 'Agent Five'), c('7006', 'Bruno Petit', 'offline'), c('7007', 'Émilie Roux')],
      [c('7005', 'Agent Five'), c('7007', 'Émilie Roux')],
    ];
    let list = whole(steps[0]!, '7005');
    expect(list).toEqual([]);
    for (let i = 1; i < steps.length; i++) {
      const msgs = colleaguesDelta(view(steps[i - 1]!), view(steps[i]!));
      expect(msgs).toHaveLength(1);
      for (const m of msgs) list = mergeColleagues(list, m, '7005');
      expect(list).toEqual(whole(steps[i]!, '7005'));
    }
    // Only what changed travels: Bruno going offline is one entry, his forgetting one extension.
    expect(colleaguesDelta(view(steps[3]!), view(steps[4]!))).toEqual([
      { type: 'colleagues.changed', colleagues: [c('7005', 'Agent Five'), c('7006', 'Bruno Petit', 'offline')], gone: [] },
    ]);
    expect(colleaguesDelta(view(steps[4]!), view(steps[5]!))).toEqual([{ type: 'colleagues.changed', colleagues: [], gone: ['7006'] }]);
    // An accented name sorts with its letter, not after z.
    expect(mergeColleagues([], { colleagues: [c('1', 'Zoé'), c('2', 'Émilie'), c('3', 'eric')], gone: [] }).map((x) => x.name)).toEqual(['Émilie', 'eric', 'Zoé']);
  });

  test('nothing changed: no message; a large change comes in messages within the bounds, and the list keeps the first 500', () => {
    const team = Array.from({ length: 1200 }, (_, i) => c(String(10000 + i), `Agent ${String(i).padStart(4, '0')}`));
    expect(colleaguesDelta(view(team), view(team.map((x) => ({ ...x }))))).toEqual([]);
    const msgs = colleaguesDelta(new Map(), view(team));
    expect(msgs.map((m) => m.colleagues.length)).toEqual([500, 500, 200]);
    for (const m of msgs) expect(parseMessage(ServerMessage, m).ok).toBe(true);
    let list: Colleague[] = [];
    for (const m of msgs.reverse()) list = mergeColleagues(list, m, '10000');
    expect(list).toEqual(whole(team, '10000'));
    expect(list).toHaveLength(COLLEAGUES_MAX);
    expect(list[0]!.extension).toBe('10001');
    // Forgetting 1,100 of them at once: gone in three messages too.
    const gone = colleaguesDelta(view(team), view(team.slice(0, 100)));
    expect(gone.map((m) => m.gone.length)).toEqual([500, 500, 100]);
    for (const m of gone) list = mergeColleagues(list, m, '10000');
    expect(list).toEqual(whole(team.slice(0, 100), '10000'));
  });

  test('a team over 500: a colleague forgotten from the list is replaced by the next in the order, the list stays at 500', () => {
    const team = Array.from({ length: 520 }, (_, i) => c(String(10000 + i), `Agent ${String(i).padStart(4, '0')}`));
    // Agents at the top, in the middle and past the cap each hold their own first 500.
    for (const own of ['10000', '10250', '10510']) {
      let list = whole(team, own);
      // One forgotten from the list; then two more (one in it, one past it) in one window.
      const steps = [team.filter((x) => x.extension !== '10003'), team.filter((x) => !['10003', '10004', '10515'].includes(x.extension))];
      let before = team;
      for (const after of steps) {
        const msgs = colleaguesDelta(view(before), view(after));
        for (const m of msgs) list = mergeColleagues(list, m, own);
        expect(list).toHaveLength(COLLEAGUES_MAX);
        expect(list).toEqual(whole(after, own));
        before = after;
      }
    }
    // Only the ones that may come into a list (the next two: an agent past the cap holds one more) travel with the gone one.
    const msgs = colleaguesDelta(view(team), view(team.filter((x) => x.extension !== '10003')));
    expect(msgs).toEqual([{ type: 'colleagues.changed', colleagues: [team[500]!, team[501]!], gone: ['10003'] }]);
  });

  test('a team over 500, changing in random ways: every agent merged list is the list the bridge would send whole', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    const statuses: Colleague['status'][] = ['available', 'busy', 'away', 'offline'];
    let next = 600;
    let team = Array.from({ length: 560 }, (_, i) => c(String(10000 + i), `Agent ${String(i * 10).padStart(5, '0')}`));
    const owns = ['10000', '10300', '10500', '10555'];
    const lists = new Map(owns.map((own) => [own, whole(team, own)]));
    for (let step = 0; step < 40; step++) {
      const after = team.map((x) => ({ ...x }));
      for (let k = rnd(6); k >= 0; k--) {
        const i = rnd(after.length);
        const what = rnd(4);
        if (what === 0 && !owns.includes(after[i]!.extension)) after.splice(i, 1);
        else if (what === 1) after[i] = { ...after[i]!, status: statuses[rnd(4)]! };
        else if (what === 2) after[i] = { ...after[i]!, name: `Agent ${String(rnd(6000)).padStart(5, '0')}` };
        else after.push(c(String(10000 + next++), `Agent ${String(rnd(6000)).padStart(5, '0')}`));
      }
      for (const m of colleaguesDelta(view(team), view(after))) {
        for (const own of owns) lists.set(own, mergeColleagues(lists.get(own)!, m, own));
      }
      for (const own of owns) expect(lists.get(own)).toEqual(whole(after, own));
      team = after;
    }
  });

  test('a change too large for one message (forgotten, renamed, arrived): merged in order, every list is whole', () => {
    const name = (i: number) => `Agent ${String(i).padStart(5, '0')}`;
    const byRank = Array.from({ length: 2000 }, (_, i) => c(String(10000 + i), name(i * 10)));
    // A view is in the order agents were met, not the list's: here the top 200 last, so the
    // second message forgets them after the first brought others in.
    const team = [...byRank.slice(200), ...byRank.slice(0, 200)];
    const after = [
      // The first 700 forgotten, 100 renamed to the end, 300 arriving in the middle.
      ...byRank.slice(700, 800).map((x, i) => ({ ...x, name: name(50000 + i) })),
      ...byRank.slice(800),
      ...Array.from({ length: 300 }, (_, i) => c(String(20000 + i), name(8000 + i * 10 + 5))),
    ];
    const msgs = colleaguesDelta(view(team), view(after));
    for (const m of msgs) expect(parseMessage(ServerMessage, m).ok).toBe(true);
    for (const own of ['10000', '10750', '11200', '20000']) {
      let list = whole(team, own);
      for (const m of msgs) list = mergeColleagues(list, m, own);
      expect(list).toEqual(whole(after, own));
    }
  });

  test('the wire refuses a change past its bounds or with a bad extension', () => {
    const many = Array.from({ length: 501 }, (_, i) => c(String(i + 1), 'x'));
    expect(parseMessage(ServerMessage, { type: 'colleagues.changed', colleagues: many, gone: [] }).ok).toBe(false);
    expect(parseMessage(ServerMessage, { type: 'colleagues.changed', colleagues: [], gone: ['70 01'] }).ok).toBe(false);
    expect(parseMessage(ServerMessage, { type: 'colleagues.changed', colleagues: [] }).ok).toBe(false);
  });
});
