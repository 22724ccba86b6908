/**
 * The placetel driver through a running bridge: Notify API requests written from placetel's
 * documentation, signed as placetel signs them (HMAC-SHA256 of the body in X-PLACETEL-SIGNATURE),
 * make the same rig.records and bar rig.states as the recorded Asterisk streams; hostile requests are
 * refused with the reason and change nothing; click-to-call goes to placetel's REST API.
 */
import { createHmac } from 'node:crypto';
import type { CallRecord } from '../../../bridge/src/calls/record';
import { NO_CAPABILITIES } from '../../../bridge/src/pbx';
import { amiOutcome, fakeApi, outcome, webhookRig, type WebhookRig } from './support';
import { PLACETEL_SEQUENCES, post, type Sent } from './requests';

const SECRET = 'placetel-shared-secret-0123456789';
const sig = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('hex');
const FORM = 'application/x-www-form-urlencoded';

describe('placetel driver', () => {
  let rig: WebhookRig;

  beforeAll(async () => {
    rig = await webhookRig(
      {
        driver: 'placetel',
        secret: SECRET,
        agents: { field: 'peer', map: { '7777alice@fpbx.de': '7001', '7777bruno@fpbx.de': '7002' } },
        numbers: { arrive: 'national', country: 'FR', present: 'national' },
        ring: { '600': ['7001', '7002'], '7002': ['7002'] },
      },
      '/pbx/webhook/placetel',
    );
  });
  afterAll(() => rig?.rt.stop());
  beforeEach(() => rig.reset());

  const notify = (body: string, headers: Record<string, string> = {}): Promise<Sent> => post(rig.url, body, { 'content-type': FORM, 'x-placetel-signature': sig(body), ...headers });
  async function replay(seq: string[]): Promise<void> {
    for (const b of seq) expect(await notify(b)).toMatchObject({ status: 200, body: { ok: true } });
  }

  it('reports calls only', () => {
    expect(rig.rt.pbx?.name).toBe('placetel');
    expect(rig.rt.pbx?.capabilities).toEqual(NO_CAPABILITIES);
    expect(rig.rt.server.callControl).toBeUndefined();
  });

  it('inbound answered: the same record and rig.states as ringgroup_answered.ami', async () => {
    await replay(PLACETEL_SEQUENCES.inboundAnswered!);
    const ami = amiOutcome('ringgroup_answered.ami');
    expect(rig.records.map(outcome)).toEqual(ami.records.map(outcome));
    expect(rig.states).toEqual(ami.states);
  });

  it('outbound, talked (no CallAccepted, HungUp accepted): the same record and rig.states as outbound.ami', async () => {
    await replay(PLACETEL_SEQUENCES.outboundAnswered!);
    const ami = amiOutcome('outbound.ami');
    expect(rig.records.map(outcome)).toEqual(ami.records.map(outcome));
    expect(rig.states).toEqual(ami.states);
  });

  it('inbound missed: missed for 7002 as in missed.ami', async () => {
    await replay(PLACETEL_SEQUENCES.inboundMissed!);
    const ami = amiOutcome('missed.ami');
    const pick = (r: CallRecord) => ({ to: r.to, rung: r.rung, answered_by: r.answered_by, disposition: r.disposition });
    expect(rig.records.map(pick)).toEqual(ami.records.map(pick));
    expect(rig.states['7002']).toEqual(ami.states['7002']);
  });

  describe('hostile requests are refused with the reason and change nothing', () => {
    let n = 0;
    const ring = () => `call_id=pt-h-${++n}&event=IncomingCall&from=0612345678&to=600`;
    const refused = (sent: Promise<Sent>, status: number, code: string) => rig.refused(sent, status, code);

    it('unsigned, another secret, altered after signing: 401', async () => {
      const b = ring();
      await refused(post(rig.url, b, { 'content-type': FORM }), 401, 'unsigned');
      await refused(notify(b, { 'x-placetel-signature': sig(b, 'another-secret-0123456789') }), 401, 'bad_signature');
      await refused(notify(b.replace('to=600', 'to=601'), { 'x-placetel-signature': sig(b) }), 401, 'bad_signature');
    });

    it('replayed: 409; over 1 MB: 413', async () => {
      const b = ring();
      await replay([b]);
      await refused(notify(b), 409, 'replayed');
      await refused(notify(`${ring()}&pad=${'x'.repeat(1024 * 1024)}`), 413, 'too_large');
    });

    it('unknown event, missing field, unknown peer, unknown hangup type: 422', async () => {
      await refused(notify(ring().replace('IncomingCall', 'Transfer')), 422, 'unknown_event');
      await refused(notify(ring().replace(/call_id=[^&]+&/, '')), 422, 'missing_field');
      await refused(notify(`call_id=pt-h-${++n}&event=OutgoingCall&from=1&to=0612345678&peer=mallory%40fpbx.de`), 422, 'unknown_agent');
      const b = ring();
      await replay([b]);
      await refused(notify(b.replace('IncomingCall', 'HungUp') + '&type=alien'), 422, 'invalid_field');
    });
  });
});

describe('placetel click-to-call through the REST API', () => {
  it('posts /v2/calls with the SIP user and the number in E.164, the API token as Bearer, and declares dial', async () => {
    const api = await fakeApi();
    const rig = await webhookRig(
      {
        driver: 'placetel',
        secret: SECRET,
        agents: { field: 'peer', map: { '7777alice@fpbx.de': '7001' } },
        clickToCall: { baseUrl: api.url, token: 'placetel-api-token', devices: { '7001': '7777alice@fpbx.de' } },
      },
      '/pbx/webhook/placetel',
    );
    try {
      expect(rig.rt.pbx?.capabilities).toEqual({ ...NO_CAPABILITIES, dial: true });
      const control = rig.rt.server.callControl!;
      await expect(control.execute({ userId: 1, extension: '7001', permissions: ['dial'] }, { type: 'call.dial', number: '+49 221 29191999' })).resolves.toEqual({});
      expect(api.calls).toEqual([{ path: '/v2/calls', auth: 'Bearer placetel-api-token', body: { sipuid: '7777alice@fpbx.de', target: '+4922129191999' } }]);
      api.status = 403;
      await expect(control.execute({ userId: 1, extension: '7001', permissions: ['dial'] }, { type: 'call.dial', number: '+4922129191999' })).rejects.toMatchObject({ code: 'pbx_refused' });
      await expect(control.execute({ userId: 1, extension: '7001', permissions: ['dial'] }, { type: 'call.blindTransfer', callId: 'x', target: '7002' })).rejects.toMatchObject({ code: 'unsupported' });
    } finally {
      await rig.rt.stop();
      await api.close();
    }
  });
});
