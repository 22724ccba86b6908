import type { Call, ViewState } from '../../../bridge/src/protocol/messages';

/** What the worker gives a page: agent Alice (7001), connected, with these calls, unless `over` says otherwise. */
export function viewStateFixture(calls: Call[], over: Partial<ViewState> = {}): ViewState {
  return {
    connection: 'connected',
    problem: null,
    agent: { userId: 1, name: 'Alice Martin', extension: '7001', permissions: [], status: 'available' },
    calls,
    recent: [],
    recentSeenAt: null,
    lookups: {},
    pages: 1,
    connectionsOpened: 1,
    host: 'shared-worker',
    sessionAgeMs: 0,
    ...over,
  };
}
