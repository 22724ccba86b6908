/**
 * The sipgate.io driver through a running bridge: push requests written from sipgate's
 * documentation, signed as sipgate signs them (RSA SHA-256 of the body in X-Sipgate-Signature;
 * a key pair of the test's own stands in for sipgate's), make the same rig.records and bar rig.states as
 * the recorded Asterisk streams; newCall is answered with the XML that subscribes answer and
 * hangup; hostile requests are refused and change nothing; click-to-call goes to the REST API.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { BridgeConfig } from '../../../bridge/src/config';
import type { CallRecord } from '../../../bridge/src/calls/record';
import { NO_CAPABILITIES } from '../../../bridge/src/pbx';
import { TEST_SECRET, ORIGIN } from '../helpers/bridgeHarness';
import { amiOutcome, fakeApi, outcome, webhookRig, type FakeApi, type WebhookRig } from './support';
import { SIPGATE_SEQUENCES, post, type Sent } from './requests';

const sipgateKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = sipgateKey.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const signed = (body: string, key = sipgateKey.privateKey) => sign('sha256', Buffer.from(body), key).toString('base64');
const HOOK = 'https://cti.example.test/pbx/webhook/sipgate';
const FORM = 'application/x-www-form-urlencoded';

describe('sipgate.io driver', () => {
  let rig: WebhookRig;
  let api: FakeApi;

  beforeAll(async () => {
    api = await fakeApi();
    rig = await webhookRig(
      {
        driver: 'sipgate',
        publicKey: PUBLIC_PEM,
        webhookUrl: HOOK,
        agents: { field: 'userId', map: { w0: '7001', w1: '7002' } },
        numbers: { arrive: 'international', country: 'FR', present: 'national' },
        clickToCall: { baseUrl: api.url, tokenId: 'token-id', token: 'pat-secret', devices: { '7001': 'e0' } },
      },
      '/pbx/webhook/sipgate',
    );
  });
  afterAll(async () => {
    await rig.rt?.stop();
    await api?.close();
  });
  beforeEach(() => rig.reset());

  const push = (body: string, headers: Record<string, string> = {}): Promise<Sent> => post(rig.url, body, { 'content-type': FORM, 'x-sipgate-signature': signed(body), ...headers });
  async function replay(seq: string[]): Promise<Sent[]> {
    const out: Sent[] = [];
    for (const b of seq) {
      const r = await push(b);
      expect(r.status).toBe(200);
      out.push(r);
    }
    return out;
  }

  it('declares click-to-call only', () => {
    expect(rig.rt.pbx?.name).toBe('sipgate');
    expect(rig.rt.pbx?.capabilities).toEqual({ ...NO_CAPABILITIES, dial: true });
  });

  it('inbound answered: the same record and rig.states as ringgroup_answered.ami; newCall subscribes answer and hangup', async () => {
    const [ring] = await replay(SIPGATE_SEQUENCES.inboundAnswered!);
    expect(ring!.body.text).toBe(`<?xml version="1.0" encoding="UTF-8"?><Response onAnswer="${HOOK}" onHangup="${HOOK}"/>`);
    const ami = amiOutcome('ringgroup_answered.ami');
    expect(rig.records.map(outcome)).toEqual(ami.records.map(outcome));
    expect(rig.records[0]!.call_id).toBe('sipgate-sg-in-1');
    expect(rig.states).toEqual(ami.states);
  });

  it('outbound answered: the same record and rig.states as outbound.ami', async () => {
    await replay(SIPGATE_SEQUENCES.outboundAnswered!);
    const ami = amiOutcome('outbound.ami');
    expect(rig.records.map(outcome)).toEqual(ami.records.map(outcome));
    expect(rig.states).toEqual(ami.states);
  });

  it('inbound missed (a dtmf push on the way is ignored): missed for 7002 as in missed.ami', async () => {
    await replay(SIPGATE_SEQUENCES.inboundMissed!);
    const ami = amiOutcome('missed.ami');
    const pick = (r: CallRecord) => ({ to: r.to, rung: r.rung, answered_by: r.answered_by, disposition: r.disposition });
    expect(rig.records.map(pick)).toEqual(ami.records.map(pick));
    expect(rig.states['7002']).toEqual(ami.states['7002']);
  });

  describe('hostile pushes are refused with the reason and change nothing', () => {
    let n = 0;
    const ring = () => `event=newCall&direction=in&from=33612345678&to=600&callId=sg-h-${++n}&userId%5B%5D=w0`;
    const refused = (sent: Promise<Sent>, status: number, code: string) => rig.refused(sent, status, code);

    it('unsigned, signed by another key, or altered after signing: 401', async () => {
      const b = ring();
      await refused(post(rig.url, b, { 'content-type': FORM }), 401, 'unsigned');
      await refused(push(b, { 'x-sipgate-signature': signed(b, otherKey.privateKey) }), 401, 'bad_signature');
      await refused(push(b.replace('w0', 'w1'), { 'x-sipgate-signature': signed(b) }), 401, 'bad_signature');
      await refused(push(b, { 'x-sipgate-signature': 'not base64 at all!' }), 401, 'bad_signature');
    });

    it('replayed as signed: 409', async () => {
      const b = ring();
      await replay([b]);
      await refused(push(b), 409, 'replayed');
    });

    it('over 1 MB: 413; JSON instead of a form: 415', async () => {
      const big = `${ring()}&pad=${'x'.repeat(1024 * 1024)}`;
      await refused(push(big), 413, 'too_large');
      const json = JSON.stringify({ event: 'newCall' });
      await refused(push(json, { 'content-type': 'application/json' }), 415, 'content_type');
    });

    it('unknown event, missing fields, an unknown user: 422', async () => {
      await refused(push(ring().replace('newCall', 'park')), 422, 'unknown_event');
      await refused(push(ring().replace('&from=33612345678', '')), 422, 'missing_field');
      await refused(push(ring().replace('w0', 'w9')), 422, 'unknown_agent');
    });
  });

  describe('click-to-call through the REST API', () => {
    const alice = { userId: 1, extension: '7001', permissions: ['dial'] };
    const control = () => rig.rt.server.callControl!;

    it('posts /v2/sessions/calls with the device, the number in E.164 and the token as Basic auth', async () => {
      api.status = 200;
      api.calls.length = 0;
      await expect(control().execute(alice, { type: 'call.dial', number: '06 12 34 56 78' })).resolves.toEqual({});
      expect(api.calls).toEqual([
        { path: '/v2/sessions/calls', auth: `Basic ${Buffer.from('token-id:pat-secret').toString('base64')}`, body: { deviceId: 'e0', caller: 'e0', callee: '+33612345678' } },
      ]);
    });

    it('refuses what sipgate cannot do, agents without a device, bad numbers, and says when sipgate refuses', async () => {
      api.calls.length = 0;
      await expect(control().execute(alice, { type: 'call.hold', callId: 'x', hold: true })).rejects.toMatchObject({ code: 'unsupported' });
      await expect(control().execute({ ...alice, extension: '7002' }, { type: 'call.dial', number: '0612345678' })).rejects.toMatchObject({ code: 'invalid_agent' });
      await expect(control().execute(alice, { type: 'call.dial', number: 'call me' })).rejects.toMatchObject({ code: 'invalid_number' });
      await expect(control().execute({ ...alice, permissions: [] }, { type: 'call.dial', number: '0612345678' })).rejects.toMatchObject({ code: 'forbidden' });
      expect(api.calls).toEqual([]);
      api.status = 401;
      await expect(control().execute(alice, { type: 'call.dial', number: '0612345678' })).rejects.toMatchObject({ code: 'pbx_refused', message: 'The phone system refused: HTTP 401.' });
      api.status = 200;
    });
  });
});

describe('sipgate configuration', () => {
  const base = { secret: TEST_SECRET, allowedOrigins: [ORIGIN] };
  const problem = (pbx: unknown) => {
    const r = BridgeConfig.safeParse({ ...base, pbx });
    return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };
  it('names what is wrong', () => {
    expect(problem({ driver: 'sipgate', publicKey: PUBLIC_PEM, webhookUrl: HOOK })).toBeNull();
    expect(problem({ driver: 'sipgate', publicKey: 'not a key', webhookUrl: HOOK })).toMatch(/pbx\.publicKey: must be sipgate's RSA public key/);
    expect(problem({ driver: 'sipgate', publicKey: PUBLIC_PEM, webhookUrl: 'ftp://x' })).toMatch(/pbx\.webhookUrl/);
    expect(problem({ driver: 'sipgate', publicKey: PUBLIC_PEM, webhookUrl: HOOK, agents: { field: 'email' } })).toMatch(/pbx\.agents\.field: field must be one of user, userId, fullUserId, answeringNumber/);
    expect(problem({ driver: 'sipgate', publicKey: PUBLIC_PEM, webhookUrl: HOOK, clickToCall: { tokenId: 'a', token: 'b', devices: { '7001': 'phone' } } })).toMatch(/pbx\.clickToCall\.devices\.7001: must be a sipgate device id/);
  });
});
