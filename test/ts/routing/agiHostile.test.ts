/**
 * FastAGI with hostile input (issue 15, "Done when"): malformed headers, no end of request, a
 * client that sends nothing or a byte at a time, 1 MB of garbage, a client that never reads, more
 * clients than maxSessions. Each is closed cleanly, bounded, counted, and blocks nobody else.
 */
import { allowList } from '../../../bridge/src/net/addressList';
import { runFastAgi } from '../../../bridge/src/testpeer/agiClient';
import { ASTERISK_REQUEST, metricValue, rawPeer, startAgi, until, warnings, type AgiHarness } from './agiSupport';

const REQUEST_HEAD = ASTERISK_REQUEST.slice(0, -1); // without the final empty line

describe('FastAGI hostile input: malformed requests', () => {
  let h: AgiHarness;
  beforeAll(async () => {
    h = await startAgi({ idleTimeoutMs: 20_000 });
  });
  afterAll(() => h.stop());

  const bad: Array<[string, string, RegExp]> = [
    ['not a header', 'hello\n\n', /malformed header line/],
    ['no colon', 'agi_network yes\n', /malformed header line/],
    ['no space after the colon', 'agi_network:yes\n', /malformed header line/],
    ['upper-case name', 'AGI_NETWORK: yes\n', /malformed header line/],
    ['CRLF line end', 'agi_network: yes\r\n', /malformed header line/],
    ['control character in a value', 'agi_network: yes\nagi_calleridname: a\x07b\n', /malformed header line/],
    ['a header twice', 'agi_network: yes\nagi_network: yes\n', /sent twice/],
    ['empty line first', '\n', /empty line before any header/],
    ['binary', '\x00\x01\xfe\xff\n', /malformed header line/],
    ['HTTP request', 'GET / HTTP/1.1\r\nHost: 127.0.0.1:4573\r\n\r\n', /malformed header line/],
    ['required header missing', REQUEST_HEAD.replace('agi_uniqueid: 1764547200.1\n', '') + '\n', /agi_uniqueid missing/],
    ['not FastAGI', REQUEST_HEAD.replace('agi_network: yes', 'agi_network: no') + '\n', /not a FastAGI request/],
    ['arguments out of sequence', REQUEST_HEAD + 'agi_arg_2: x\n\n', /out of sequence/],
    ['more than 128 lines', Array.from({ length: 200 }, (_, i) => `agi_x${i}: y\n`).join(''), /more than 128 header lines/],
    ['over 16 KiB of valid lines', Array.from({ length: 100 }, (_, i) => `agi_x${i}: ${'y'.repeat(200)}\n`).join(''), /over 16384 bytes/],
  ];

  it.each(bad)('%s: closed at once, nothing sent, counted, logged with the reason', async (_name, data, why) => {
    const before = await metricValue(h.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'malformed' });
    const logsBefore = h.logs.length;
    const p = await rawPeer(h.port);
    p.socket.write(data);
    const c = await p.closed;
    expect(c.afterMs).toBeLessThan(10_000); // not the 20 s idle timeout
    expect(p.received()).toBe('');
    expect(await metricValue(h.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'malformed' })).toBe(before + 1);
    expect(h.requests).toHaveLength(0);
    const logged = warnings(h.logs.slice(logsBefore));
    // Sampled: the first 5 of a kind a minute are logged, the rest counted in the next line.
    if (logged.length) {
      expect(logged).toHaveLength(1);
      expect(String(logged[0]!.msg)).toMatch(why);
      expect(logged[0]).toMatchObject({ outcome: 'malformed', phase: 'headers' });
    }
  });

  it('logged the first five rejections (and counts every one)', () => {
    expect(warnings(h.logs).filter((l) => l.outcome === 'malformed')).toHaveLength(5);
  });
});

describe('FastAGI hostile input: silence, garbage, a peer that does not read, too many peers', () => {
  let h: AgiHarness;
  beforeAll(async () => {
    h = await startAgi({ idleTimeoutMs: 2000, maxSessions: 12 });
  });
  afterAll(() => h.stop());

  it('closes a client that sends nothing, one without the empty line, and one sending a byte at a time, at the idle timeout', async () => {
    const silent = await rawPeer(h.port);
    const noEnd = await rawPeer(h.port);
    noEnd.socket.write(REQUEST_HEAD);
    const drip = await rawPeer(h.port);
    let i = 0;
    const dripping = setInterval(() => drip.socket.writable && drip.socket.write(REQUEST_HEAD[i++ % REQUEST_HEAD.length]!), 100);
    try {
      for (const p of [silent, noEnd, drip]) {
        const c = await p.closed;
        expect(c.afterMs).toBeGreaterThanOrEqual(1900);
        expect(c.afterMs).toBeLessThan(2000 + 3000);
        expect(p.received()).toBe('');
      }
    } finally {
      clearInterval(dripping);
    }
    expect(await metricValue(h.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'idle_timeout' })).toBe(3);
    expect(h.requests).toHaveLength(0);
  });

  it('stops reading 1 MB of garbage at the 16 KiB limit', async () => {
    const logsBefore = h.logs.length;
    for (const garbage of [Buffer.alloc(1024 * 1024, 'A'), Buffer.from(`${'agi_x: '.padEnd(1023, 'y')}\n`.repeat(1024)), Buffer.from(Array.from({ length: 1024 * 1024 }, (_, k) => (k * 7919) % 256))]) {
      const p = await rawPeer(h.port);
      p.socket.write(garbage);
      const c = await p.closed;
      expect(c.afterMs).toBeLessThan(2000);
      expect(p.received()).toBe('');
    }
    const logged = warnings(h.logs.slice(logsBefore));
    expect(logged.map((l) => l.outcome)).toEqual(['malformed', 'malformed', 'malformed']);
    // What the server read before closing: the limit plus at most the socket chunk in hand.
    for (const l of logged) expect(l.read as number).toBeLessThanOrEqual(16 * 1024 + 64 * 1024);
    expect(String(logged[0]!.msg)).toMatch(/over 16384 bytes without its end/);
  });

  it('holds one command line for a client that never reads, closes it at the idle timeout, and answers others meanwhile', async () => {
    const idleBefore = await metricValue(h.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'idle_timeout' });
    const stalled = await rawPeer(h.port, { read: false });
    const stalledAt = Date.now();
    stalled.socket.write(ASTERISK_REQUEST);
    await until(() => h.requests.length === 1, 3000, 'the stalled request decided');
    const started = Date.now();
    const other = await runFastAgi({ port: h.port, callerId: '0612345678' });
    expect(other.variables.get('BANDEAU_ROUTE')).toBe('sales');
    expect(Date.now() - started).toBeLessThan(1900);
    // The server gives up on it at the idle timeout (the paused peer does not see the close yet).
    let idleNow = idleBefore;
    await until(() => {
      void metricValue(h.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'idle_timeout' }).then((v) => (idleNow = v));
      return idleNow === idleBefore + 1;
    }, 6000, 'the stalled session closed');
    expect(Date.now() - stalledAt).toBeGreaterThanOrEqual(1900);
    // What the server had written: one command, no more (it waits for each answer).
    const chunks: Buffer[] = [];
    stalled.socket.on('data', (c: Buffer) => chunks.push(c));
    stalled.socket.resume();
    await stalled.closed;
    expect(Buffer.concat(chunks).toString()).toBe('SET VARIABLE BANDEAU_ROUTE "sales"\n');
  });

  it('closes connections over maxSessions at once and counts them; serves again when sessions end', async () => {
    await until(() => h.server.activeSessions === 0, 5000, 'no session open');
    const held = await Promise.all(Array.from({ length: 12 }, () => rawPeer(h.port)));
    await until(() => h.server.activeSessions === 12, 3000, '12 sessions open');
    const over = await Promise.all(Array.from({ length: 5 }, () => rawPeer(h.port)));
    for (const p of over) expect((await p.closed).afterMs).toBeLessThan(1500);
    expect(await metricValue(h.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'over_limit' })).toBe(5);
    expect(warnings(h.logs).filter((l) => /too many sessions/.test(String(l.msg)))).toHaveLength(5);
    held.forEach((p) => p.socket.destroy());
    await until(() => h.server.activeSessions === 0, 3000, 'held sessions gone');
    const r = await runFastAgi({ port: h.port });
    expect(r.variables.get('BANDEAU_ROUTE')).toBe('sales');
  });

  it('stop() closes the sessions still open', async () => {
    const other = await startAgi({ idleTimeoutMs: 60_000 });
    const p = await rawPeer(other.port);
    await until(() => other.server.activeSessions === 1, 3000, 'one session');
    await other.stop();
    expect((await p.closed).afterMs).toBeLessThan(5000);
    expect(await metricValue(other.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'server_stopped' })).toBe(1);
  });
});

describe('FastAGI allowFrom', () => {
  it('closes a peer not in allowFrom at once, counted and logged; serves one in it', async () => {
    const closed = await startAgi({ allowFrom: ['10.9.9.9', 'fd00::/8'] });
    const open = await startAgi({ allowFrom: ['127.0.0.0/8'] });
    try {
      const r = await runFastAgi({ port: closed.port });
      expect(r.commands).toEqual([]);
      expect(r.closedBy).toBe('server');
      expect(closed.requests).toHaveLength(0);
      expect(await metricValue(closed.registry, 'bandeau_routing_agi_sessions_total', { outcome: 'not_allowed' })).toBe(1);
      expect(warnings(closed.logs).some((l) => /not in allowFrom/.test(String(l.msg)))).toBe(true);
      expect((await runFastAgi({ port: open.port })).variables.get('BANDEAU_ROUTE')).toBe('sales');
    } finally {
      await closed.stop();
      await open.stop();
    }
  });

  it('refuses an allowFrom entry that is not an address or subnet', () => {
    for (const bad of ['pbx.example', '10.0.0.0/33', '10.0.0.1/8/1', '', 'fd00::/129', '10.0.0.0/x']) {
      expect(() => allowList([bad])).toThrow(/not an IP address or subnet/);
    }
    expect(allowList(['10.0.0.0/24', '::1', '192.168.1.7']).check('10.0.0.200', 'ipv4')).toBe(true);
  });
});
