/**
 * FastAGI conformance (issue 15): the routing server against a client that speaks as Asterisk 22's
 * res_agi does (bridge/src/testpeer/agiClient.ts), and that client against res_agi's behaviour.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { agiRequestLines, parseAgiArgs, runFastAgi, startFastAgi } from '../../../bridge/src/testpeer/agiClient';
import { BANDEAU_VARIABLES } from '../../../bridge/src/routing/agi';
import { fallbackDecision } from '../../../bridge/src/routing/contract';
import { ASTERISK_REQUEST, metricValue, rawPeer, salesDecision, startAgi, warnings, type AgiHarness } from './agiSupport';

describe('FastAGI routing server with an Asterisk 22 client', () => {
  let h: AgiHarness;
  beforeAll(async () => {
    h = await startAgi();
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.requests.length = 0;
    h.decisions.length = 0;
  });

  it('sets every BANDEAU_* variable, in the contract order, with one acknowledged command each, then closes', async () => {
    const r = await runFastAgi({ port: h.port, callerId: '0612345678', callerName: 'CAMILLE DURAND', dnid: '0123456789', uniqueId: '1764547200.7', channel: 'PJSIP/trunk-00000007' });
    expect(r.closedBy).toBe('server');
    expect(r.agiStatus).toBe('SUCCESS');
    expect(r.commands).toEqual([
      'SET VARIABLE BANDEAU_ROUTE "sales"',
      'SET VARIABLE BANDEAU_ROUTE_REASON "rule"',
      'SET VARIABLE BANDEAU_ROUTE_RULE "not_shipped"',
      'SET VARIABLE BANDEAU_PRIORITY "5"',
      'SET VARIABLE BANDEAU_VIP "0"',
      'SET VARIABLE BANDEAU_CUSTOMER_ID "2"',
      'SET VARIABLE BANDEAU_CUSTOMER_NAME "Camille Durand"',
      'SET VARIABLE BANDEAU_LANG "fr"',
      'SET VARIABLE BANDEAU_MESSAGE "bandeau/order-being-prepared"',
      'SET VARIABLE BANDEAU_ORDER "000000102"',
    ]);
    // Each command got Asterisk's answer; the last line is the HANGUP res_agi writes after the loop.
    expect(r.answers).toEqual([...Array(10).fill('200 result=1'), 'HANGUP']);
    expect([...r.variables.keys()]).toEqual([...BANDEAU_VARIABLES, 'AGISTATUS']);
    expect(Object.fromEntries(r.variables)).toMatchObject({ BANDEAU_ROUTE: 'sales', BANDEAU_PRIORITY: '5', BANDEAU_ORDER: '000000102', BANDEAU_CUSTOMER_NAME: 'Camille Durand' });
    // The decider saw the request as Asterisk described the channel.
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]).toMatchObject({ script: 'route', callerId: '0612345678', callerName: 'CAMILLE DURAND', dnid: '0123456789', extension: '0123456789', uniqueId: '1764547200.7', channel: 'PJSIP/trunk-00000007', args: [] });
    expect(h.requests[0]!.env.get('version')).toBe('22.10.1');
    expect(h.requests[0]!.env.get('accountcode')).toBe('');
    expect(h.decisions).toHaveLength(1);
    expect(h.decisions[0]![1]).toMatchObject({ route: 'sales', order: '000000102' });
    expect(await metricValue(h.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'answered' })).toBeGreaterThanOrEqual(1);
    expect(await metricValue(h.registry, 'bandeau_routing_agi_answers_total', { reason: 'rule' })).toBeGreaterThanOrEqual(1);
  });

  it('a VIP gets vip with its priority and the fallback sets every variable too', async () => {
    const vip = await startAgi({ decide: async () => salesDecision({ route: 'vip', rule: { code: 'vip', label: 'VIP' }, priority: 10, vip: true, message: '', order: '' }) });
    const fallback = await startAgi({ decide: async () => fallbackDecision('unknown_number') });
    try {
      const v = await runFastAgi({ port: vip.port, callerId: '+33612345678' });
      expect(Object.fromEntries(v.variables)).toMatchObject({ BANDEAU_ROUTE: 'vip', BANDEAU_VIP: '1', BANDEAU_PRIORITY: '10', BANDEAU_MESSAGE: '', BANDEAU_ORDER: '' });
      const f = await runFastAgi({ port: fallback.port, callerId: '0999999999' });
      expect(Object.fromEntries(f.variables)).toEqual({
        BANDEAU_ROUTE: 'default', BANDEAU_ROUTE_REASON: 'unknown_number', BANDEAU_ROUTE_RULE: '', BANDEAU_PRIORITY: '0', BANDEAU_VIP: '0',
        BANDEAU_CUSTOMER_ID: '', BANDEAU_CUSTOMER_NAME: '', BANDEAU_LANG: '', BANDEAU_MESSAGE: '', BANDEAU_ORDER: '', AGISTATUS: 'SUCCESS',
      });
    } finally {
      await vip.stop();
      await fallback.stop();
    }
  });

  it('passes the AGI() arguments in order, and an anonymous or unknown caller id as null', async () => {
    await runFastAgi({ port: h.port, callerId: null, callerName: '', dnid: null, args: ['fr', 'campaign 12', ''] });
    await runFastAgi({ port: h.port, callerId: 'anonymous', callerName: 'Anonymous', dnid: '0123456789' });
    await runFastAgi({ port: h.port, callerId: '', callerName: 'unknown' });
    expect(h.requests.map((r) => [r.callerId, r.callerName, r.dnid])).toEqual([
      [null, null, null],
      [null, 'Anonymous', '0123456789'],
      [null, null, null],
    ]);
    expect(h.requests[0]!.args).toEqual(['fr', 'campaign 12', '']);
    expect(h.requests[0]!.env.get('callerid')).toBe('unknown');
    expect(h.requests[0]!.extension).toBe('s');
  });

  it('answers a request for another script with the fallback (error), without asking the decider, and says why in the log', async () => {
    const r = await runFastAgi({ port: h.port, script: 'rout', callerId: '0612345678' });
    expect(h.requests).toHaveLength(0);
    expect(Object.fromEntries(r.variables)).toMatchObject({ BANDEAU_ROUTE: 'default', BANDEAU_ROUTE_REASON: 'error', AGISTATUS: 'SUCCESS' });
    expect(h.decisions.map(([req, d]) => [req.script, d.reason])).toEqual([['rout', 'error']]);
    expect(warnings(h.logs).some((l) => /unknown script/.test(String(l.msg)) && l.script === 'rout')).toBe(true);
    // Without a path Asterisk sends no agi_network_script at all: script ''.
    await runFastAgi({ port: h.port, script: '' });
    expect(h.decisions[1]![0].script).toBe('');
  });

  it('stops cleanly when the caller hangs up midway: no command after HANGUP, socket closed, no warning', async () => {
    const before = warnings(h.logs).length;
    const r = await runFastAgi({ port: h.port, callerId: '0612345678', hangUpAfterCommands: 3 });
    // The 4th command may already be on the wire when HANGUP arrives (Asterisk then answers it on
    // the dead channel: SET VARIABLE is allowed there); nothing follows.
    expect(r.commands.length).toBeGreaterThanOrEqual(3);
    expect(r.commands.length).toBeLessThanOrEqual(4);
    expect(r.agiStatus).toBe('HANGUP');
    expect(r.closedBy).toBe('server');
    expect(warnings(h.logs).length).toBe(before);
    expect(await metricValue(h.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'hangup' })).toBeGreaterThanOrEqual(1);
  });

  it('a hang-up during the decision ends the session with no command; AGIEXITONHANGUP closes from the PBX side', async () => {
    const slow = await startAgi({ decide: () => new Promise((resolve) => setTimeout(() => resolve(salesDecision()), 200)) });
    try {
      const r = await runFastAgi({ port: slow.port, hangUpAfterCommands: 0 });
      expect(r.commands).toEqual([]);
      expect(r.agiStatus).toBe('HANGUP');
      const e = await runFastAgi({ port: slow.port, hangUpAfterMs: 50, exitOnHangup: true });
      expect(e.commands).toEqual([]);
      expect(e.closedBy).toBe('client');
      // AGISIGHUP=no: no HANGUP line, the PBX just closes.
      const q = await runFastAgi({ port: slow.port, hangUpAfterMs: 50, exitOnHangup: true, sigHup: false });
      expect(q.answers).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(slow.decisions).toHaveLength(0); // nobody to answer: the hook is not called
      expect(await metricValue(slow.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'hangup' })).toBe(2);
      expect(await metricValue(slow.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'client_closed' })).toBe(1);
    } finally {
      await slow.stop();
    }
  });

  it('closes and logs once when the PBX answers 510, or a 520 usage block, instead of 200', async () => {
    const before = warnings(h.logs).length;
    const r510 = await runFastAgi({ port: h.port, answer: (w) => (w[2] === 'BANDEAU_VIP' ? ['510 Invalid or unknown command'] : undefined) });
    expect(r510.commands.map((c) => c.split(' ')[2])).toEqual(['BANDEAU_ROUTE', 'BANDEAU_ROUTE_REASON', 'BANDEAU_ROUTE_RULE', 'BANDEAU_PRIORITY', 'BANDEAU_VIP']);
    expect(r510.closedBy).toBe('server');
    const r520 = await runFastAgi({ port: h.port, answer: (w) => (w[2] === 'BANDEAU_ROUTE' ? ['520-Invalid command syntax.  Proper usage follows:', '200 result=1 is not an answer here', '520 End of proper usage.'] : undefined) });
    expect(r520.commands).toHaveLength(1);
    const logged = warnings(h.logs).slice(before);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ outcome: 'refused', uniqueId: expect.any(String) });
    expect(String(logged[0]!.msg)).toMatch(/answered 510 to SET VARIABLE BANDEAU_VIP/);
    expect(String(logged[1]!.msg)).toMatch(/answered 520 to SET VARIABLE BANDEAU_ROUTE/);
    // The log names the call by its Uniqueid, never by the caller's number or name.
    expect(JSON.stringify(logged)).not.toMatch(/0612345678|Camille/);
    expect(await metricValue(h.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'refused' })).toBe(2);
  });

  it('ignores what Asterisk writes after the server closed (its HANGUP) and takes a request in small pieces', async () => {
    const p = await rawPeer(h.port);
    for (const piece of ASTERISK_REQUEST.match(/[\s\S]{1,7}/g)!) p.socket.write(piece);
    const answered = new Promise<void>((resolve) => {
      let n = 0;
      p.socket.on('data', (c: Buffer) => {
        for (const _ of c.toString().match(/\n/g) ?? []) p.socket.write(++n === 10 ? '200 result=1\nHANGUP\n' : '200 result=1\n');
        if (n >= 10) resolve();
      });
    });
    await answered;
    p.socket.end();
    const c = await p.closed;
    expect(c.error).toBeUndefined();
    expect(p.received().split('\n').filter(Boolean)).toHaveLength(10);
    expect(h.requests.at(-1)).toMatchObject({ callerName: 'Camille Durand', uniqueId: '1764547200.1' });
  });
});

describe('the Asterisk 22 FastAGI client itself (res_agi.c behaviour)', () => {
  /** A scripted FastAGI server: collects the request, then sends `script` lines one by one, each after the previous answer. */
  async function scripted(lines: string[], closeAfter = true): Promise<{ port: number; got: Promise<{ request: string; answers: string[] }>; close(): void }> {
    let done!: (v: { request: string; answers: string[] }) => void;
    const got = new Promise<{ request: string; answers: string[] }>((resolve) => (done = resolve));
    const sockets: Socket[] = [];
    const server = createServer((s) => {
      sockets.push(s);
      let buf = '';
      let request = '';
      const answers: string[] = [];
      let i = 0;
      const next = (): void => {
        if (i < lines.length) s.write(`${lines[i++]}\n`);
        else if (closeAfter) s.end();
      };
      s.on('data', (c: Buffer) => {
        buf += c.toString();
        if (!request) {
          const end = buf.indexOf('\n\n');
          if (end < 0) return;
          request = buf.slice(0, end + 2);
          buf = buf.slice(end + 2);
          next();
        }
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          answers.push(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
          if (/^\d{3} /.test(answers.at(-1)!)) next();
        }
      });
      s.on('close', () => done({ request, answers }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return { port: (server.address() as AddressInfo).port, got, close: () => { sockets.forEach((s) => s.destroy()); server.close(); } };
  }

  it('sends the request block in setup_env order, unknowns as Asterisk writes them, args and the final empty line', () => {
    const text = agiRequestLines({ port: 4573, script: 'route', callerId: '0612345678', callerName: null, dnid: '0123456789', uniqueId: '1764547200.3', channel: 'PJSIP/trunk-00000003', threadId: '140234567890112', args: ['a1', 'x y'] }).join('');
    expect(text).toBe([
      'agi_network: yes', 'agi_network_script: route', 'agi_request: agi://127.0.0.1:4573/route', 'agi_channel: PJSIP/trunk-00000003',
      'agi_language: en', 'agi_type: PJSIP', 'agi_uniqueid: 1764547200.3', 'agi_version: 22.10.1', 'agi_callerid: 0612345678',
      'agi_calleridname: unknown', 'agi_callingpres: 0', 'agi_callingani2: 0', 'agi_callington: 0', 'agi_callingtns: 0',
      'agi_dnid: 0123456789', 'agi_rdnis: unknown', 'agi_context: from-trunk', 'agi_extension: 0123456789', 'agi_priority: 2',
      'agi_enhanced: 0.0', 'agi_accountcode: ', 'agi_threadid: 140234567890112', 'agi_arg_1: a1', 'agi_arg_2: x y', '', '',
    ].join('\n'));
    // No path in the URL: no agi_network_script line at all.
    expect(agiRequestLines({ script: '' })[1]).toBe('agi_request: agi://127.0.0.1:4573\n');
  });

  it('splits command lines as parse_args does', () => {
    expect(parseAgiArgs('SET VARIABLE BANDEAU_ROUTE "sales"')).toEqual(['SET', 'VARIABLE', 'BANDEAU_ROUTE', 'sales']);
    expect(parseAgiArgs('SET VARIABLE X ""')).toEqual(['SET', 'VARIABLE', 'X', '']);
    expect(parseAgiArgs('set  variable\tX "a b"')).toEqual(['set', 'variable', 'X', 'a b']);
    expect(parseAgiArgs('SET VARIABLE X "a \\"b\\" c\\\\"')).toEqual(['SET', 'VARIABLE', 'X', 'a "b" c\\']);
    expect(parseAgiArgs('SET VARIABLE X a\\ b')).toEqual(['SET', 'VARIABLE', 'X', 'a b']);
    expect(parseAgiArgs('SET VARIABLE X ab"c d"e')).toEqual(['SET', 'VARIABLE', 'X', 'abc de']);
    expect(parseAgiArgs('SET VARIABLE X "a" "b"')).toEqual(['SET', 'VARIABLE', 'X', 'a', 'b']);
    expect(parseAgiArgs('')).toEqual([]);
    expect(parseAgiArgs(Array.from({ length: 200 }, (_, i) => `w${i}`).join(' '))).toHaveLength(127);
  });

  it('answers as res_agi: 200 result=1, 510, the 520 usage block, 511 on a dead channel, HANGUP, and stores the variables', async () => {
    const s = await scripted(['SET VARIABLE A "x y"', 'FOO BAR', 'SET VARIABLE B', 'GET VARIABLE A', 'ANSWER', 'HANGUP', 'ANSWER', 'set variable C 1', '']);
    try {
      const r = await runFastAgi({ port: s.port, variables: { PRESET: 'p' } });
      const { answers } = await s.got;
      expect(answers).toEqual([
        '200 result=1',
        '510 Invalid or unknown command',
        '520-Invalid command syntax.  Proper usage follows:', 'Sets a variable to the current channel.', '520 End of proper usage.',
        '200 result=1 (x y)',
        '200 result=0',
        '200 result=1', 'HANGUP',
        '511 Command Not Permitted on a dead channel or intercept routine',
        '200 result=1',
        '510 Invalid or unknown command',
        'HANGUP',
      ]);
      expect(Object.fromEntries(r.variables)).toEqual({ PRESET: 'p', A: 'x y', C: '1', AGISTATUS: 'HANGUP' });
      expect(r.closedBy).toBe('server');
    } finally {
      s.close();
    }
  });

  it('AGISIGHUP=no sends no HANGUP; a failure line ends AGI() with FAILURE; no server means FAILURE', async () => {
    const s = await scripted(['NOOP']);
    try {
      const r = await runFastAgi({ port: s.port, sigHup: false });
      expect((await s.got).answers).toEqual(['200 result=0']);
      expect(r.agiStatus).toBe('SUCCESS');
    } finally {
      s.close();
    }
    const f = await scripted(['failure'], false);
    try {
      const r = await runFastAgi({ port: f.port });
      expect(r).toMatchObject({ agiStatus: 'FAILURE', closedBy: 'client' });
    } finally {
      f.close();
    }
    const none = await runFastAgi({ port: 1 });
    expect(none).toMatchObject({ connected: false, agiStatus: 'FAILURE', closedBy: 'client' });
    expect(none.variables.get('AGISTATUS')).toBe('FAILURE');
  });

  it('hangup() ends the caller side at any time', async () => {
    const s = await scripted(['NOOP'], false);
    try {
      const call = startFastAgi({ port: s.port, exitOnHangup: true });
      setTimeout(() => call.hangup(), 300);
      const r = await call.done;
      expect(r).toMatchObject({ hungUp: true, agiStatus: 'HANGUP', closedBy: 'client' });
    } finally {
      s.close();
    }
  });
});
