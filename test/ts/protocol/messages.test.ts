import { ClientCommand, PageConfig, PageToWorker, ServerMessage, WorkerToPage, parseMessage } from '../../../bridge/src/protocol/messages';

describe('wire protocol', () => {
  it('accepts every well-formed client command', () => {
    const good = [
      { type: 'agent.setStatus', status: 'away' },
      { type: 'auth.refresh', token: 'a.b.c' },
      { type: 'call.dial', ref: 'r', number: '+33 6 12 34 56 78' },
      { type: 'call.hangup', callId: '1700000000.12' },
      { type: 'call.blindTransfer', callId: 'c', target: '7002' },
      { type: 'call.attendedTransfer', callId: 'c', target: '7002' },
      { type: 'call.hold', callId: 'c', hold: true },
      { type: 'call.dtmf', callId: 'c', digits: '12*#' },
    ];
    for (const g of good) expect(parseMessage(ClientCommand, g)).toMatchObject({ ok: true });
  });

  it('rejects malformed commands with a reason naming the field', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ type: 'call.dial', number: '06\r\nAction: Originate' }, /number/],
      [{ type: 'call.dial', number: '' }, /number/],
      [{ type: 'call.dial', number: '1'.repeat(65) }, /number/],
      [{ type: 'call.dtmf', callId: 'c', digits: 'ABCDE9' }, /digits/],
      [{ type: 'call.hangup', callId: 'x\u0000' }, /callId/],
      [{ type: 'agent.setStatus', status: 'asleep' }, /status/],
      [{ type: 'rm -rf' }, /type/],
      [[], /root/],
    ];
    for (const [input, reason] of cases) {
      const r = parseMessage(ClientCommand, input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(reason);
    }
  });

  it('strips unknown keys instead of passing them through', () => {
    const r = parseMessage(ClientCommand, { type: 'call.dial', number: '0612345678', extension: '9999', userId: 1 });
    expect(r).toEqual({ ok: true, value: { type: 'call.dial', number: '0612345678' } });
  });

  it('validates bridge, worker and page messages', () => {
    expect(parseMessage(ServerMessage, { type: 'agent.status', status: 'busy' }).ok).toBe(true);
    expect(parseMessage(ServerMessage, { type: 'call.update', call: { id: 'x' } }).ok).toBe(false);
    expect(parseMessage(PageToWorker, { type: 'heartbeat', pageId: 'p', visible: true }).ok).toBe(true);
    expect(parseMessage(PageToWorker, { type: 'hello', pageId: 'p', visible: true, config: { bridgeUrl: 'not a url', tokenUrl: '/t' } }).ok).toBe(false);
    expect(parseMessage(WorkerToPage, { type: 'notice', level: 'warn', code: 'x', message: 'y' }).ok).toBe(false);
  });

  it('fills page config defaults and refuses a config without a bridge URL', () => {
    const r = parseMessage(PageConfig, { bridgeUrl: 'https://bridge.shop.test', tokenUrl: '/admin/bandeau/token/index/key/abc/', workerUrl: '/admin/bandeau/worker/script/' });
    expect(r).toMatchObject({ ok: true, value: { workerName: 'bandeau-cti', transport: 'auto' } });
    expect(parseMessage(PageConfig, { tokenUrl: '/t', workerUrl: '/w' }).ok).toBe(false);
  });
});
