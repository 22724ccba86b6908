/**
 * The generic JSON webhook driver through a running bridge: request sequences written from
 * Zammad's generic CTI documentation make the same call rig.records and bar rig.states as the
 * equivalent recorded Asterisk streams; hostile requests are refused with their reason and
 * change nothing; the configuration's mapping is checked at start.
 */
import { BridgeConfig } from '../../../bridge/src/config';
import type { CallRecord } from '../../../bridge/src/calls/record';
import { NO_CAPABILITIES } from '../../../bridge/src/pbx';
import { TEST_SECRET, ORIGIN } from '../helpers/bridgeHarness';
import { amiOutcome, outcome, webhookRig, type WebhookRig } from './support';
import { GENERIC_SEQUENCES, post, type Sent } from './requests';

const TOKEN = 'generic-token-0123456789abcdef0123456789abcdef';
const PBX = {
  driver: 'generic',
  token: TOKEN,
  agents: { field: 'user', map: { 'Alice Martin': '7001', 'Bruno Petit': '7002' } },
  // As the recordings' PBX shows numbers: national digits.
  numbers: { arrive: 'international', country: 'FR', present: 'national' },
};

describe('generic webhook driver', () => {
  let rig: WebhookRig;

  beforeAll(async () => {
    rig = await webhookRig(PBX, '/pbx/webhook/generic');
  });
  afterAll(() => rig?.rt.stop());
  beforeEach(() => rig.reset());

  const send = (event: object, headers: Record<string, string> = {}): Promise<Sent> =>
    post(rig.url, JSON.stringify(event), { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers });
  async function replay(seq: object[]): Promise<void> {
    for (const e of seq) expect(await send(e)).toMatchObject({ status: 200, body: { ok: true } });
  }

  it('declares no capability: the bar shows calls and offers no control, commands are refused', () => {
    expect(rig.rt.pbx?.name).toBe('generic');
    expect(rig.rt.pbx?.capabilities).toEqual(NO_CAPABILITIES);
    expect(rig.rt.ami).toBeNull();
  });

  it('inbound answered: the same record and bar rig.states as ringgroup_answered.ami', async () => {
    await replay(GENERIC_SEQUENCES.inboundAnswered);
    const ami = amiOutcome('ringgroup_answered.ami');
    expect(rig.records.map(outcome)).toEqual(ami.records.map(outcome));
    expect(rig.records[0]).toMatchObject({ call_id: 'generic-zc-in-1', from: '0612345678', to: '600', rung: ['7001', '7002'], answered_by: '7002', disposition: 'answered' });
    expect(rig.states).toEqual(ami.states);
  });

  it('outbound answered: the same record and bar rig.states as outbound.ami', async () => {
    await replay(GENERIC_SEQUENCES.outboundAnswered);
    const ami = amiOutcome('outbound.ami');
    expect(rig.records.map(outcome)).toEqual(ami.records.map(outcome));
    expect(rig.states).toEqual(ami.states);
  });

  it('inbound missed: the callee sees it ring then end, a missed call as missed.ami rig.records it', async () => {
    await replay(GENERIC_SEQUENCES.inboundMissed);
    const ami = amiOutcome('missed.ami');
    const pick = (r: CallRecord) => ({ to: r.to, rung: r.rung, answered_by: r.answered_by, disposition: r.disposition });
    expect(rig.records.map(pick)).toEqual(ami.records.map(pick));
    expect(rig.records[0]).toMatchObject({ direction: 'inbound', from: '0612345678' });
    expect(rig.states['7002']).toEqual(ami.states['7002']);
  });

  describe('hostile requests are refused with the reason and change nothing', () => {
    const ring = { event: 'newCall', direction: 'in', from: '33612345678', to: '600', user: ['Alice Martin'] };
    let n = 0;
    const fresh = () => `zc-hostile-${++n}`;

    const refused = (sent: Promise<Sent>, status: number, code: string, reason?: RegExp) => rig.refused(sent, status, code, reason);

    it('no token, a wrong token, another scheme: 401', async () => {
      await refused(post(rig.url, JSON.stringify({ ...ring, callId: fresh() }), { 'content-type': 'application/json' }), 401, 'unauthenticated', /Authorization: Bearer/);
      await refused(send({ ...ring, callId: fresh() }, { authorization: `Bearer ${TOKEN.slice(0, -1)}x` }), 401, 'bad_token');
      await refused(send({ ...ring, callId: fresh() }, { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }), 401, 'bad_token');
    });

    it('a replayed event: 409, and the call goes on unharmed', async () => {
      const callId = fresh();
      await replay([{ ...ring, callId }]);
      await refused(send({ ...ring, callId }), 409, 'replayed', /already received/);
      await replay([{ event: 'answer', direction: 'in', from: '33612345678', to: '600', callId, user: 'Alice Martin' }]);
      await refused(send({ event: 'answer', direction: 'in', from: '33612345678', to: '600', callId, user: 'Alice Martin' }), 409, 'replayed');
      await replay([{ event: 'hangup', direction: 'in', from: '33612345678', to: '600', callId, cause: 'normalClearing' }]);
      await refused(send({ event: 'hangup', direction: 'in', from: '33612345678', to: '600', callId, cause: 'normalClearing' }), 409, 'replayed', /already ended/);
      await refused(send({ ...ring, callId }), 409, 'replayed');
    });

    it('a timestamp outside the replay window: 409 stale', async () => {
      await refused(send({ ...ring, callId: fresh(), timestamp: Math.floor(Date.now() / 1000) - 3600 }), 409, 'stale');
    });

    it('a body over 1 MB: 413, without reading it all', async () => {
      const big = JSON.stringify({ ...ring, callId: fresh(), pad: 'x'.repeat(1024 * 1024) });
      await refused(send(JSON.parse(big) as object), 413, 'too_large', /1048576 bytes/);
    });

    it('an unknown event, missing or wrong fields, an unknown agent or call: 422 naming it', async () => {
      await refused(send({ ...ring, event: 'transfer', callId: fresh() }), 422, 'unknown_event', /"transfer".*newCall, answer or hangup/);
      const { from: _omitted, ...noFrom } = ring;
      await refused(send({ ...noFrom, callId: fresh() }), 422, 'missing_field', /newCall needs from/);
      await refused(send({ ...ring }), 422, 'missing_field', /callId/);
      await refused(send({ ...ring, callId: fresh(), direction: 'sideways' }), 422, 'invalid_field', /direction/);
      await refused(send({ ...ring, callId: 'bad id\nwith a line' }), 422, 'invalid_field', /callId/);
      await refused(send({ ...ring, callId: fresh(), user: ['Mallory'] }), 422, 'unknown_agent', /known agent/);
      await refused(send({ event: 'answer', direction: 'in', from: '1', to: '2', callId: fresh() }), 422, 'unknown_call', /newCall first/);
      await refused(send({ event: 'hangup', direction: 'in', from: '1', to: '2', callId: fresh(), cause: 'alien' }), 422, 'invalid_field', /cause/);
      await refused(send([ring] as unknown as object), 422, 'invalid_event');
    });

    it('not JSON, another body type, another method: 400, 415, 405', async () => {
      await refused(post(rig.url, '{"event":', { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }), 400, 'not_json');
      await refused(post(rig.url, 'event=newCall', { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${TOKEN}` }), 415, 'content_type');
      await refused(post(rig.url, '', { authorization: `Bearer ${TOKEN}` }, 'GET'), 405, 'method');
    });
  });
});

describe('pbx configuration', () => {
  const base = { secret: TEST_SECRET, allowedOrigins: [ORIGIN] };
  const problem = (pbx: unknown, extra: object = {}) => {
    const r = BridgeConfig.safeParse({ ...base, ...extra, pbx });
    return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };

  it('accepts the generic driver with its defaults', () => {
    const c = BridgeConfig.parse({ ...base, pbx: { driver: 'generic', token: TOKEN } });
    expect(c.pbx).toMatchObject({ driver: 'generic', replayWindowS: 300, agents: { field: 'user', map: {} }, numbers: { arrive: 'e164', country: 'FR', present: 'e164' } });
  });

  it('refuses a mapping that cannot work, saying where', () => {
    expect(problem({ driver: 'generic', token: 'short' })).toMatch(/pbx\.token: must be at least 32 characters/);
    expect(problem({ driver: 'generic', token: TOKEN, agents: { field: 'sipId' } })).toMatch(/pbx\.agents\.field: field must be one of user, answeringNumber/);
    expect(problem({ driver: 'generic', token: TOKEN, agents: { field: 'user', pattern: '^sip:\\d+@' } })).toMatch(/pbx\.agents\.pattern: must be a regular expression with a capturing group/);
    expect(problem({ driver: 'generic', token: TOKEN, agents: { field: 'user', map: { Alice: '70 01' } } })).toMatch(/pbx\.agents\.map\.Alice: must be an extension/);
    expect(problem({ driver: 'generic', token: TOKEN, numbers: { country: 'XX' } })).toMatch(/pbx\.numbers\.country: must be a country code/);
    expect(problem({ driver: 'generic', token: TOKEN, numbers: { arrive: 'local' } })).toMatch(/pbx\.numbers\.arrive/);
    expect(problem({ driver: 'asterisk-by-fax', token: TOKEN })).toMatch(/pbx\.driver/);
    expect(problem({ driver: 'generic', token: TOKEN }, { ami: { host: '127.0.0.1', username: 'u', secret: 's' } })).toMatch(/pbx: one PBX per bridge/);
  });
});
