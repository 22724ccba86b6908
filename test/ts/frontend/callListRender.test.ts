import type { Call, ViewState } from '../../../bridge/src/protocol/messages';
import { presentCalls } from '../../../frontend-ts/src/page/bar/model';
import { keepUnchanged } from '../../../frontend-ts/src/page/bar/stableViews';
import { makeTranslator } from '../../../frontend-ts/src/page/strings';
import { callFixture } from '../helpers/callFixture';
import { viewStateFixture } from '../helpers/viewStateFixture';

/** The call list keeps the view object (so knockout keeps the node) of every call that did not change. */
const call = (over: Partial<Call>): Call =>
  callFixture({ state: 'answered', answeredBy: '7001', startedAt: '2026-11-30T10:00:00.000Z', answeredAt: '2026-11-30T10:00:03.000Z', ...over });

const view = (calls: Call[]): ViewState => viewStateFixture(calls);

describe('call list: unchanged calls keep their node', () => {
  const t = makeTranslator({});
  const talking = call({});
  const ringing = call({ id: 'c2', state: 'ringing', from: '+4930901820', answeredBy: null, answeredAt: null });

  it('keeps the talking call when a second call rings and when that call is answered', () => {
    const first = keepUnchanged([], presentCalls(view([talking]), t));
    const second = keepUnchanged(first, presentCalls(view([talking, ringing]), t));
    expect(second[0]).toBe(first[0]);
    expect(second[1]!.id).toBe('c2');
    const third = keepUnchanged(second, presentCalls(view([talking, { ...ringing, state: 'answered', answeredBy: '7001', answeredAt: '2026-11-30T10:01:00.000Z' }]), t));
    expect(third[0]).toBe(first[0]);
    expect(third[1]).not.toBe(second[1]);
    expect(third[1]!.state).toBe('answered');
  });

  it('gives a new view to a call whose card arrives, and drops calls that ended', () => {
    const before = keepUnchanged([], presentCalls(view([talking, ringing]), t));
    const withCard: ViewState = {
      ...view([talking, ringing]),
      lookups: { '+4930901820': { status: 'done', result: { customers: [] } } } as unknown as ViewState['lookups'],
    };
    const after = keepUnchanged(before, presentCalls(withCard, t));
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]!.lookup).toBe('nobody');
    const ended = keepUnchanged(after, presentCalls(view([ringing]), t));
    expect(ended.map((v) => v.id)).toEqual(['c2']);
  });
});
