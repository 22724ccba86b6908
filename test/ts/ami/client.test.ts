import { AmiClient } from '../../../bridge/src/ami/client';
import { AmiActionError, AmiNotConnectedError, AmiTimeoutError } from '../../../bridge/src/ami/errors';
import { AmiFrameError } from '../../../bridge/src/ami/writer';
import { md5Key } from '../../../bridge/src/ami/actions';
import type { AmiMessage } from '../../../bridge/src/ami/message';
import { AmiTestPeer } from '../../../bridge/src/testpeer';
import { once, until } from './support';

const fast = { actionTimeoutMs: 2000, pingIntervalMs: 60_000, reconnect: { minMs: 10, maxMs: 80 } };

describe('AmiClient against the test peer', () => {
  let peer: AmiTestPeer;
  let client: AmiClient | undefined;

  beforeEach(async () => {
    peer = new AmiTestPeer();
    await peer.start();
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await peer.stop();
  });

  function make(over: Record<string, unknown> = {}, options: ConstructorParameters<typeof AmiClient>[1] = {}): AmiClient {
    client = new AmiClient({ host: '127.0.0.1', port: peer.port, username: 'bandeau', secret: 'bandeau-secret', authType: 'plain', ...fast, ...over }, options);
    return client;
  }

  async function ready(c: AmiClient): Promise<void> {
    const p = once(c, 'login');
    c.start();
    await p;
  }

  test('plain login, banner version, then a CoreShowChannels resync', async () => {
    const c = make();
    const resync = once<[AmiMessage[]]>(c, 'resync');
    await ready(c);
    expect(c.serverVersion).toBe('5.0.5');
    expect((await resync)[0]).toEqual([]);
    const login = peer.actions.find((a) => a.get('action') === 'Login')!;
    expect(login.get('Secret')).toBe('bandeau-secret');
    expect(login.actionId).toMatch(/^bandeau-/);
    expect(peer.actions.map((a) => a.get('action'))).toEqual(['Login', 'CoreShowChannels']);
  });

  test('MD5 login: Challenge, then Key = md5(challenge + secret); the secret never crosses the wire', async () => {
    const c = make({ authType: 'md5' });
    await ready(c);
    const [challenge, login] = peer.actions;
    expect(challenge!.get('Action')).toBe('Challenge');
    expect(challenge!.get('AuthType')).toBe('MD5');
    expect(login!.get('AuthType')).toBe('MD5');
    expect(login!.get('Key')).toMatch(/^[0-9a-f]{32}$/);
    expect(login!.has('Secret')).toBe(false);
    expect(peer.received).not.toContain('bandeau-secret');
    // The peer accepted it, so the key was md5(its challenge + secret).
    expect(md5Key('1', 'x')).not.toBe(login!.get('Key'));
  });

  test('wrong secret: authFailed, no login, and it keeps retrying with backoff', async () => {
    const c = make({ secret: 'wrong' });
    const failed = once<[{ message: string }]>(c, 'authFailed');
    const retry = once<[{ attempt: number; delayMs: number }]>(c, 'reconnecting');
    c.start();
    expect((await failed)[0].message).toBe('Authentication failed');
    const r = (await retry)[0];
    expect(r.delayMs).toBeGreaterThanOrEqual(5);
    expect(r.delayMs).toBeLessThanOrEqual(10);
    expect(c.ready).toBe(false);
  });

  test('actions correlate by ActionID; unknown actions are errors', async () => {
    const c = make();
    await ready(c);
    const [a, b] = await Promise.all([c.action({ Action: 'Ping' }), c.action({ Action: 'Ping' })]);
    expect(a.response.get('Ping')).toBe('Pong');
    expect(a.response.actionId).not.toBe(b.response.actionId);
    await expect(c.action({ Action: 'NoSuchThing' })).rejects.toThrow(AmiActionError);
    await expect(c.action({ Action: 'NoSuchThing' })).rejects.toThrow(/Invalid\/unknown command/);
  });

  test('per-action timeout', async () => {
    const c = make();
    await ready(c);
    peer.ignore.add('ping');
    const t0 = Date.now();
    await expect(c.action({ Action: 'Ping' }, { timeoutMs: 60 })).rejects.toBeInstanceOf(AmiTimeoutError);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
    expect(c.stats.actionTimeouts).toBe(1);
  });

  test('Command output in both formats', async () => {
    const c = make();
    await ready(c);
    expect(await c.command('core show version')).toEqual(['Asterisk 16.30.0 built by bandeau-testpeer']);
    await c.stop();
    await peer.stop();
    peer = new AmiTestPeer({ legacyCommand: true });
    await peer.start();
    const d = make();
    await ready(d);
    expect(await d.command('core show version')).toEqual(['Asterisk 16.30.0 built by bandeau-testpeer']);
    expect(peer.actions.some((m) => m.get('action') === 'Command')).toBe(true);
  });

  test('event lists collect until …Complete and are not emitted as events', async () => {
    const c = make();
    await ready(c);
    peer.ringInbound({ from: '+33612345678', toExtension: '7002' });
    const events: AmiMessage[] = [];
    c.on('event', (m) => events.push(m));
    const r = await c.action({ Action: 'CoreShowChannels' });
    expect(r.response.get('EventList')).toBe('start');
    expect(r.events.map((e) => e.event)).toEqual(['CoreShowChannel', 'CoreShowChannel']);
    expect(r.complete?.get('ListItems')).toBe('2');
    expect(events.filter((e) => e.event?.startsWith('CoreShowChannel'))).toEqual([]);
  });

  test('a value with CR/LF is refused before anything is written', async () => {
    const c = make();
    await ready(c);
    const before = peer.received.length;
    await expect(c.action({ Action: 'Originate', Channel: 'PJSIP/7001', Exten: '1\r\nAction: Hangup\r\nChannel: PJSIP/7002' })).rejects.toBeInstanceOf(AmiFrameError);
    await c.action({ Action: 'Ping' });
    const after = peer.received.slice(before);
    expect(after).not.toMatch(/Originate|Hangup/);
    expect(peer.actions.map((a) => a.get('action'))).not.toContain('Hangup');
  });

  test('actions before login are refused locally', async () => {
    const c = make();
    await expect(c.action({ Action: 'Ping' })).rejects.toBeInstanceOf(AmiNotConnectedError);
  });

  test('missing blank separator from the server: both events delivered, a protocolWarning raised', async () => {
    const c = make();
    await ready(c);
    const got: string[] = [];
    c.on('event', (m) => got.push(m.event ?? ''));
    const warn = once<[string]>(c, 'protocolWarning');
    peer.sendRaw('Event: UserEvent\r\nUserEvent: one\r\nEvent: UserEvent\r\nUserEvent: two\r\n\r\n');
    expect((await warn)[0]).toMatch(/without a blank line/);
    await until(() => got.length === 2);
  });

  test('hostile input over the caps is reported, the connection reset, then restored', async () => {
    const c = make({}, { limits: { maxLineBytes: 1024 } });
    await ready(c);
    const err = once<[string]>(c, 'protocolError');
    const again = once(c, 'login');
    peer.sendRaw(Buffer.alloc(4096, 0x41));
    expect((await err)[0]).toMatch(/cap/);
    await again;
    expect(c.stats.protocolErrors).toBe(1);
  });

  test('a throwing listener stops neither the reader nor the other listeners', async () => {
    const c = make();
    await ready(c);
    const got: string[] = [];
    c.on('event', () => {
      throw new Error('bad listener');
    });
    c.on('event', (m) => got.push(m.get('UserEvent') ?? ''));
    for (let i = 0; i < 50; i++) peer.sendEvent({ Event: 'UserEvent', UserEvent: `n${i}` });
    await until(() => got.length === 50);
    expect(got[49]).toBe('n49');
  });

  test('keep-alive Ping; a PBX that stops answering pings is dropped and reconnected', async () => {
    const c = make({ pingIntervalMs: 100, actionTimeoutMs: 150 });
    await ready(c);
    await until(() => peer.actions.filter((a) => a.get('action') === 'Ping').length >= 1, 3000, 'a ping');
    peer.ignore.add('ping');
    const lost = once<[{ reason: string }]>(c, 'disconnect');
    const back = once(c, 'login');
    expect((await lost)[0].reason).toMatch(/ping/);
    peer.ignore.delete('ping');
    await back;
  });

  test('reconnects with backoff when the server goes away and comes back on the same port', async () => {
    const c = make();
    await ready(c);
    const port = peer.port;
    const delays: number[] = [];
    c.on('reconnecting', (r: { delayMs: number }) => delays.push(r.delayMs));
    await peer.stop();
    await until(() => delays.length >= 3, 5000, 'three reconnect attempts');
    expect(delays[1]!).toBeGreaterThanOrEqual(10);
    expect(delays.every((d) => d <= 80)).toBe(true);
    peer = new AmiTestPeer();
    const back = once(c, 'login');
    await peer.start(port);
    await back;
    expect(c.ready).toBe(true);
    expect(c.stats.logins).toBe(2);
  });

  test('stop() logs off and closes; no reconnect afterwards', async () => {
    const c = make();
    await ready(c);
    await c.stop();
    expect(c.state).toBe('stopped');
    await until(() => peer.actions.some((a) => a.get('action') === 'Logoff'));
    await until(() => peer.clients === 0);
  });
});
