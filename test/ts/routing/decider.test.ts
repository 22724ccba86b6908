/**
 * The decider without the network: caller id normalisation, the synchronous warm path, the
 * deadline (the fetch goes on and fills the cache), rules not loaded yet, and how each kind of
 * Magento failure becomes a reason.
 */
import { createLogger } from '../../../bridge/src/logger';
import type { AgiRequest } from '../../../bridge/src/routing/contract';
import { RoutingParts } from '../../../bridge/src/routing';
import { RoutingConfig } from '../../../bridge/src/routing/config';
import { RoutingFacts, RoutingRules } from '../../../bridge/src/routing/facts';
import { RoutingFetchError } from '../../../bridge/src/routing/magentoRouting';
import { customerFacts, defaultRules, unshippedOrder } from './magentoStandIn';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const request = (callerId: string | null): AgiRequest => ({
  script: 'route',
  env: new Map(),
  callerId,
  callerName: null,
  dnid: '0140000000',
  extension: '0140000000',
  uniqueId: '1764590400.1',
  channel: 'PJSIP/trunk-00000001',
  args: [],
});

function parts(o: { facts?: (phone: string) => Promise<RoutingFacts>; rules?: () => Promise<RoutingRules>; deadlineMs?: number; maxInFlight?: number } = {}) {
  const fetched: string[] = [];
  const p = new RoutingParts({
    config: RoutingConfig.parse({ deadlineMs: o.deadlineMs ?? 300, cache: { maxInFlight: o.maxInFlight ?? 64 } }),
    source: {
      facts: (phone) => {
        fetched.push(phone);
        return o.facts ? o.facts(phone) : Promise.resolve(RoutingFacts.parse(customerFacts(phone, { orders: [unshippedOrder('000000102')] })));
      },
      rules: o.rules ?? (() => Promise.resolve(RoutingRules.parse(defaultRules()))),
    },
    defaultRegion: 'FR',
    logger: createLogger('silent'),
    now: () => NOW,
  });
  return { p, fetched };
}

describe('routing decider', () => {
  it('reads national, international and trunk-style caller ids as one E.164 number', () => {
    const { p } = parts();
    for (const id of ['0612345678', '+33612345678', '+33 6 12 34 56 78', '0033612345678', '33612345678']) expect(p.decider.e164(id)).toBe('+33612345678');
    expect(p.decider.e164('+4930123456')).toBe('+4930123456');
  });

  it('remembers each caller id as given: a second read (from the memo) is the first one, and ids that differ only by a leading 0 or + stay apart', () => {
    const ids = ['0612345678', '612345678', '+612345678', '00612345678', '33612345678', '+33612345678', '201', '0', '99999999999999', '+4930123456', '+33 6 12 34 56 78'];
    const fresh = ids.map((id) => parts().p.decider.e164(id));
    const { p } = parts();
    const first = ids.map((id) => p.decider.e164(id));
    const again = ids.map((id) => p.decider.e164(id));
    expect(first).toEqual(fresh);
    expect(again).toEqual(fresh);
    expect(fresh.slice(0, 3)).toEqual(['+33612345678', '+33612345678', null]);
    expect(fresh[6]).toBeNull();
  });

  it('a caller id that is absent, anonymous, an extension or garbage is no caller id', async () => {
    const { p, fetched } = parts();
    await p.rules.refresh();
    for (const id of [null, '', 'unknown', 'Anonymous', 'restricted', '201', 'abc;EXEC Hangup', '0612\n345678', '+33612345678 ext 12', 'x'.repeat(5000)]) {
      const d = await p.decider.decide(request(id));
      expect([id, d.reason, d.route]).toEqual([id, 'no_caller_id', 'default']);
    }
    expect(fetched).toEqual([]);
  });

  it('a cached number is decided synchronously, without asking Magento again', async () => {
    const { p, fetched } = parts();
    await p.rules.refresh();
    const first = await p.decider.decide(request('0612345678'));
    expect(first).toMatchObject({ route: 'sales', reason: 'rule', order: '000000102', customer: { id: 2, name: 'Camille Durand' } });
    const warm = p.decider.decideFor('0612345678');
    expect(warm).not.toBeInstanceOf(Promise);
    expect(warm).toMatchObject({ route: 'sales', reason: 'rule' });
    expect(fetched).toEqual(['+33612345678']);
  });

  it('past the deadline the answer is timeout; the fetch goes on and fills the cache for the next call', async () => {
    let answer!: (f: RoutingFacts) => void;
    const { p } = parts({ deadlineMs: 200, facts: () => new Promise((r) => (answer = r)) });
    await p.rules.refresh();
    const d = await p.decider.decide(request('0612345678'));
    expect(d).toMatchObject({ route: 'default', reason: 'timeout', customer: null });
    answer(RoutingFacts.parse(customerFacts('+33612345678', { groupId: 4 })));
    await new Promise((r) => setImmediate(r));
    expect(p.decider.decideFor('0612345678')).toMatchObject({ route: 'vip', reason: 'rule', vip: true });
  });

  it('Magento down is timeout; a refusal or an invalid answer is error', async () => {
    for (const [kind, reason] of [['down', 'timeout'], ['refused', 'error'], ['invalid', 'error']] as const) {
      const { p } = parts({ facts: () => Promise.reject(new RoutingFetchError(kind, 'x')) });
      await p.rules.refresh();
      expect((await p.decider.decide(request('0612345678'))).reason).toBe(reason);
    }
    const { p } = parts({ facts: () => Promise.reject(new TypeError('bug')) });
    await p.rules.refresh();
    expect((await p.decider.decide(request('0612345678'))).reason).toBe('error');
  });

  it('before the first rules, a decision waits for them within the deadline', async () => {
    let give!: (r: RoutingRules) => void;
    const { p } = parts({ rules: () => new Promise((r) => (give = r)) });
    p.start();
    const pending = p.decider.decide(request('0612345678'));
    setTimeout(() => give(RoutingRules.parse(defaultRules())), 20);
    expect(await pending).toMatchObject({ route: 'sales', reason: 'rule' });
    p.stop();
  });

  it('rules that never come: timeout when Magento is down, error when it refuses', async () => {
    const down = parts({ rules: () => Promise.reject(new RoutingFetchError('down', 'x')) });
    expect((await down.p.decider.decide(request('0612345678'))).reason).toBe('timeout');
    const refused = parts({ rules: () => Promise.reject(new RoutingFetchError('refused', 'x')) });
    expect((await refused.p.decider.decide(request('0612345678'))).reason).toBe('error');
    // A recent failure is not retried for every call.
    let asked = 0;
    const counted = parts({ rules: () => (asked++, Promise.reject(new RoutingFetchError('down', 'x'))) });
    for (let i = 0; i < 5; i++) await counted.p.decider.decide(request('0612345678'));
    expect(asked).toBe(1);
  });

  it('over the cap of fetches in flight a new number is answered at once (timeout) without a fetch', async () => {
    const { p, fetched } = parts({ maxInFlight: 1, facts: () => new Promise(() => undefined), deadlineMs: 5000 });
    await p.rules.refresh();
    void p.decider.decide(request('0612345678'));
    const t0 = Date.now();
    const d = await p.decider.decide(request('0698765432'));
    expect(d.reason).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(fetched).toEqual(['+33612345678']);
  });

  it('counts decisions by reason', async () => {
    const { p } = parts();
    await p.rules.refresh();
    await p.decider.decide(request('0612345678'));
    await p.decider.decide(request(null));
    const text = await p.metrics.registry.metrics();
    expect(text).toMatch(/bandeau_routing_decisions_total\{reason="rule"\} 1/);
    expect(text).toMatch(/bandeau_routing_decisions_total\{reason="no_caller_id"\} 1/);
  });
});
