/**
 * The bridge and the Magento module (which ships the worker) are upgraded apart: a worker older than
 * `colleagues.changed` declares no features in its handshake, and would drop that message. It gets
 * its whole list again at each team change; a current worker still gets only the change.
 */
import { connect, metric, startBridge, token, type Harness, type TestClient } from '../helpers/bridgeHarness';
import { waitFor } from '../outbox/support/processes';
import { CLIENT_FEATURES } from '../../../bridge/src/protocol/clientFeatures';
import type { ServerMessage } from '../../../bridge/src/protocol/messages';

describe('workers older than colleagues.changed', () => {
  let h: Harness;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    h = await startBridge();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await h.stop();
  });
  // An older worker by default here (no features); the current one says so.
  const agent = async (userId: number, name: string, auth: Record<string, unknown> = {}) => {
    const c = await connect(h.url, await token({ userId, extension: String(7200 + userId), name }), auth);
    clients.push(c);
    await c.next('snapshot');
    return c;
  };
  const ofType = <T extends ServerMessage['type']>(c: TestClient, type: T) => c.messages.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);

  it('an old worker sees a colleague\'s status change as its whole list again; a current one as the change only', async () => {
    const old = await agent(1, 'Alice Old');
    const current = await agent(2, 'Bruno Current', { features: CLIENT_FEATURES });
    const colleague = await agent(3, 'Chloé Colleague', { features: CLIENT_FEATURES });
    await waitFor('everyone listed', () => ofType(old, 'colleagues').at(-1)?.colleagues.length === 2, 5000);
    colleague.socket.emit('bandeau:cmd', { type: 'agent.setStatus', status: 'dnd' });
    await waitFor('the old worker told', () => ofType(old, 'colleagues').at(-1)?.colleagues.some((c) => c.status === 'dnd'), 5000);
    // The whole list, in name order, without the agent's own extension.
    expect(ofType(old, 'colleagues').at(-1)).toEqual({
      type: 'colleagues',
      colleagues: [
        { name: 'Bruno Current', extension: '7202', status: 'available' },
        { name: 'Chloé Colleague', extension: '7203', status: 'dnd' },
      ],
    });
    await waitFor('the current worker told', () => ofType(current, 'colleagues.changed').some((m) => m.colleagues.some((c) => c.status === 'dnd')), 5000);
    expect(ofType(current, 'colleagues.changed').at(-1)).toEqual({ type: 'colleagues.changed', colleagues: [{ name: 'Chloé Colleague', extension: '7203', status: 'dnd' }], gone: [] });
    // A current worker gets its whole list only at connect; an old one never a change it would drop.
    expect(ofType(current, 'colleagues')).toHaveLength(1);
    expect(ofType(old, 'colleagues.changed')).toEqual([]);

    // Leaving is told the same way: the old worker's list shows the colleague offline.
    colleague.close();
    await waitFor('offline', () => ofType(old, 'colleagues').at(-1)?.colleagues.some((c) => c.extension === '7203' && c.status === 'offline'), 5000);
    expect(ofType(old, 'colleagues.changed')).toEqual([]);
  });

  it.each([
    ['a string', 'colleagues.changed'],
    ['numbers', [1, 2, 3]],
    ['an object', { 'colleagues.changed': true }],
    ['null', null],
    ['a huge array', Array.from({ length: 2000 }, () => 'colleagues.changed')],
  ])('features as %s do not refuse the connection (read as none)', async (_, features) => {
    const odd = await agent(1, 'Alice Odd', { features });
    expect(ofType(odd, 'snapshot')).toHaveLength(1);
    const colleague = await agent(2, 'Bruno Colleague');
    await waitFor('the whole list again', () => ofType(odd, 'colleagues').at(-1)?.colleagues.length === 1, 5000);
    expect(ofType(odd, 'colleagues.changed')).toEqual([]);
    expect(colleague.socket.connected && odd.socket.connected).toBe(true);
  });

  it('counts the connections of older bundles in /metrics, so an operator sees when every module is upgraded', async () => {
    const OLDER = 'bandeau_bridge_older_bundle_sockets';
    expect(await metric(h.url, OLDER)).toBe(0);
    const old = await agent(1, 'Alice Old');
    await agent(2, 'Bruno Current', { features: CLIENT_FEATURES });
    expect(await metric(h.url, OLDER)).toBe(1);
    expect(await metric(h.url, 'bandeau_bridge_connected_sockets')).toBe(2);
    old.close();
    await waitFor('the older bundle gone', async () => (await metric(h.url, OLDER)) === 0, 5000);
  });

  it('unknown features beside a known one are ignored', async () => {
    const c = await agent(1, 'Alice Later', { features: ['some.future.feature', 42, 'colleagues.changed'] });
    await agent(2, 'Bruno Colleague');
    await waitFor('the change', () => ofType(c, 'colleagues.changed').some((m) => m.colleagues.some((x) => x.extension === '7202')), 5000);
    expect(ofType(c, 'colleagues')).toHaveLength(1);
  });
});
