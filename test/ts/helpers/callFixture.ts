import type { Call } from '../../../bridge/src/protocol/messages';

/** A call as the bridge sends it: Camille Durand ringing extension 7001, unless `over` says otherwise. */
export function callFixture(over: Partial<Call> = {}): Call {
  return {
    id: 'c1',
    direction: 'inbound',
    state: 'ringing',
    from: '+33612345678',
    to: '7001',
    rung: ['7001'],
    answeredBy: null,
    startedAt: new Date().toISOString(),
    answeredAt: null,
    endedAt: null,
    disposition: null,
    ...over,
  };
}
