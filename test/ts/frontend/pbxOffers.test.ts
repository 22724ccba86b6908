/**
 * The bar offers only what the merchant's PBX can do: the capabilities the bridge sends in the
 * agent's snapshot (agent.pbx) become each call's `offers`, which the controls' template and the
 * ring strip read to hide the others (test/e2e/webhookDemo.e2e.ts sees them hidden in Chromium). A bridge
 * that sends none speaks AMI: everything shows.
 */
import type { Call, PbxCapabilities, ViewState } from '../../../bridge/src/protocol/messages';
import { offersOf, presentCalls } from '../../../frontend-ts/src/page/bar/model';
import { makeTranslator } from '../../../frontend-ts/src/page/strings';
import { ALL_CAPABILITIES, NO_CAPABILITIES } from '../../../bridge/src/pbx/driver';
import { callFixture } from '../helpers/callFixture';
import { viewStateFixture } from '../helpers/viewStateFixture';

const t = makeTranslator({});
const talking = callFixture({ state: 'answered', answeredBy: '7001', startedAt: '2026-11-30T10:00:00.000Z', answeredAt: '2026-11-30T10:00:03.000Z' }) as Call;
const withPbx = (pbx: PbxCapabilities | undefined): ViewState => {
  const v = viewStateFixture([talking]);
  return { ...v, agent: { ...(v.agent as NonNullable<ViewState['agent']>), ...(pbx ? { pbx } : {}) } };
};

describe('the bar offers what the PBX can do', () => {
  it('offers everything when the bridge does not say (an AMI bridge before the driver layer)', () => {
    expect(offersOf(undefined)).toEqual({ decline: true, hangup: true, hold: true, keypad: true, blindTransfer: true, attendedTransfer: true, transfer: true });
    expect(presentCalls(withPbx(undefined), t)[0]!.offers).toEqual(offersOf(ALL_CAPABILITIES));
  });

  it('offers nothing for a PBX that only reports its calls', () => {
    const [view] = presentCalls(withPbx(NO_CAPABILITIES), t);
    expect(view!.offers).toEqual({ decline: false, hangup: false, hold: false, keypad: false, blindTransfer: false, attendedTransfer: false, transfer: false });
    // What the state allows is unchanged: the PBX decides what shows, the state what is enabled.
    expect(view!.can).toEqual({ hangup: true, hold: true, keypad: true, transfer: true });
  });

  it('maps each capability to its control', () => {
    const offers = offersOf({ ...NO_CAPABILITIES, hangup: true, attendedTransfer: true, dtmf: true });
    expect(offers).toEqual({ decline: false, hangup: true, hold: false, keypad: true, blindTransfer: false, attendedTransfer: true, transfer: true });
  });
});
