/**
 * The deadline (issue 15, point 3): whatever the decider does, the PBX gets a complete answer
 * within deadlineMs (plus the time to write ten lines), never a hang.
 */
import { runFastAgi } from '../../../bridge/src/testpeer/agiClient';
import { metricValue, salesDecision, startAgi, until, warnings } from './agiSupport';

/** Slack over the deadline for ten command round trips on a loaded 2-core machine. */
const SLACK_MS = 1500;

describe('FastAGI decision deadline', () => {
  it('answers default/timeout within the deadline when the decider never resolves, and closes', async () => {
    const h = await startAgi({ deadlineMs: 300, decide: () => new Promise(() => undefined) });
    try {
      const started = Date.now();
      const r = await runFastAgi({ port: h.port, callerId: '0612345678' });
      const took = Date.now() - started;
      expect(Object.fromEntries(r.variables)).toMatchObject({ BANDEAU_ROUTE: 'default', BANDEAU_ROUTE_REASON: 'timeout', BANDEAU_PRIORITY: '0', BANDEAU_MESSAGE: '', AGISTATUS: 'SUCCESS' });
      expect(r.commands).toHaveLength(10);
      expect(r.closedBy).toBe('server');
      expect(took).toBeGreaterThanOrEqual(290);
      expect(took).toBeLessThan(300 + SLACK_MS);
      expect(h.decisions.map(([, d]) => d.reason)).toEqual(['timeout']);
      expect(await metricValue(h.registry, 'bandeau_routing_agi_answers_total', { reason: 'timeout' })).toBe(1);
      expect(await metricValue(h.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'answered' })).toBe(1);
      // The PBX writes HANGUP and closes its side right after; then the session is gone.
      await until(() => h.server.activeSessions === 0, 3000, 'no session open');
    } finally {
      await h.stop();
    }
  });

  it('a decision that arrives after the deadline is not sent (the timeout answer was)', async () => {
    const h = await startAgi({ deadlineMs: 200, decide: () => new Promise((resolve) => setTimeout(() => resolve(salesDecision()), 600)) });
    try {
      const r = await runFastAgi({ port: h.port });
      expect(r.variables.get('BANDEAU_ROUTE')).toBe('default');
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(h.decisions).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });

  it('answers default/error, logged, when the decider throws or rejects, and when its decision is invalid', async () => {
    let n = 0;
    const h = await startAgi({
      decide: async () => {
        n++;
        if (n === 1) throw new Error('facts body invalid');
        if (n === 2) return Promise.reject(new Error('socket hang up'));
        if (n === 3) return salesDecision({ route: 'sales queue; rm' });
        return salesDecision({ message: '../../etc/passwd', priority: 7 });
      },
    });
    try {
      const rs = [];
      for (let i = 0; i < 4; i++) rs.push(await runFastAgi({ port: h.port }));
      expect(rs.slice(0, 3).map((r) => [r.variables.get('BANDEAU_ROUTE'), r.variables.get('BANDEAU_ROUTE_REASON')])).toEqual([
        ['default', 'error'], ['default', 'error'], ['default', 'error'],
      ]);
      // An invalid sound name is dropped; the rest of the decision stands.
      expect(Object.fromEntries(rs[3]!.variables)).toMatchObject({ BANDEAU_ROUTE: 'sales', BANDEAU_PRIORITY: '7', BANDEAU_MESSAGE: '' });
      const msgs = warnings(h.logs).map((l) => `${String(l.msg)} ${String(l.err ?? l.problem ?? '')}`);
      expect(msgs.filter((m) => /decider failed/.test(m))).toEqual([expect.stringMatching(/facts body invalid/), expect.stringMatching(/socket hang up/)]);
      expect(msgs.filter((m) => /corrected/.test(m))).toEqual([expect.stringMatching(/invalid route name/), expect.stringMatching(/invalid message name/)]);
    } finally {
      await h.stop();
    }
  });

  it('a slow decider for one call does not delay another', async () => {
    const h = await startAgi({ deadlineMs: 2500, decide: (r) => (r.callerId === '0600000001' ? new Promise(() => undefined) : Promise.resolve(salesDecision())) });
    try {
      const slow = runFastAgi({ port: h.port, callerId: '0600000001' });
      const started = Date.now();
      const fast = await runFastAgi({ port: h.port, callerId: '0600000002' });
      expect(fast.variables.get('BANDEAU_ROUTE')).toBe('sales');
      expect(Date.now() - started).toBeLessThan(2000);
      expect((await slow).variables.get('BANDEAU_ROUTE_REASON')).toBe('timeout');
    } finally {
      await h.stop();
    }
  });
});
