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

  test('the wire refuses a change past its bounds or with a bad extension', () => {
    const many = Array.from({ length: 501 }, (_, i) => c(String(i + 1), 'x'));
    expect(parseMessage(ServerMessage, { type: 'colleagues.changed', colleagues: many, gone: [] }).ok).toBe(false);
    expect(parseMessage(ServerMessage, { type: 'colleagues.changed', colleagues: [], gone: ['70 01'] }).ok).toBe(false);
    expect(parseMessage(ServerMessage, { type: 'colleagues.changed', colleagues: [] }).ok).toBe(false);
  });
});
