import type { Call, CallCommand, ServerMessage } from '../../../bridge/src/protocol/messages';
import { callFixture } from '../helpers/callFixture';
import { connect, startBridge, token, type Harness } from '../helpers/bridgeHarness';

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

const call = (over: Partial<Call> = {}): Call => callFixture({ to: '7021', rung: ['7021'], ...over });

describe('bridge: people, not numbers (issue 13)', () => {
  let h: Harness;
  const executed: Array<{ agent: unknown; cmd: CallCommand }> = [];
  beforeAll(async () => {
    h = await startBridge({
      callControl: {
        dialRules: { extensionPattern: '^\\d{2,6}$', featureCodePattern: '\\*[0-9]{2,6}' },
        async execute(agent, cmd) {
          executed.push({ agent, cmd });
          if (cmd.type === 'call.dial' && cmd.number === 'Dupont') throw Object.assign(new Error('Cannot dial this number: no.'), { code: 'invalid_number', reason: 'characters' });
          return { callId: 'new-call' };
        },
      },
    });
  });
  afterAll(() => h.stop());

  it('names colleagues from their tokens and gives numbers in the national format', async () => {
    const alice = await connect(h.url, await token({ userId: 21, extension: '7021', name: 'Alice Martin' }));
    const bruno = await connect(h.url, await token({ userId: 22, extension: '7022', name: 'Bruno Petit' }));
    await alice.next('snapshot');
    await bruno.next('snapshot');
    h.server.pushCall(call({ id: 'n1', state: 'answered', rung: ['7021', '7022'], answeredBy: '7022' }), ['7021', '7022']);
    const seen = ((await alice.next('call.update')) as Of<'call.update'>).call;
    expect(seen.names).toEqual({ '7021': 'Alice Martin', '7022': 'Bruno Petit' });
    expect(seen.display).toEqual({ '+33612345678': '06 12 34 56 78' });
    alice.close();
    bruno.close();
  });

  it("keeps the caller's name an agent's lookup found with the call, for that agent, in the next session too", async () => {
    const tok = await token({ userId: 23, extension: '7023', name: 'Chloé' });
    const a = await connect(h.url, tok);
    const other = await connect(h.url, await token({ userId: 24, extension: '7024', name: 'Other' }));
    await a.next('snapshot');
    await other.next('snapshot');
    h.server.pushCall(call({ id: 'n2', to: '7023', rung: ['7023', '7024'] }), ['7023', '7024']);
    await a.next('call.update');
    await other.next('call.update');
    a.socket.emit('bandeau:cmd', { type: 'agent.callerName', ref: 'cn1', callId: 'n2', name: 'Camille Durand' });
    expect(await a.next('ack')).toMatchObject({ ref: 'cn1' });
    expect(((await a.next('call.update')) as Of<'call.update'>).call.names).toMatchObject({ '+33612345678': 'Camille Durand' });
    // The call ends: the recent call carries the name; the other agent never got it.
    h.server.pushCall(call({ id: 'n2', to: '7023', rung: ['7023', '7024'], state: 'ended', endedAt: new Date().toISOString(), disposition: 'missed' }), ['7023', '7024']);
    expect(((await a.next('call.update')) as Of<'call.update'>).call.names).toMatchObject({ '+33612345678': 'Camille Durand' });
    expect(((await other.next('call.update')) as Of<'call.update'>).call.names?.['+33612345678']).toBeUndefined();
    a.close();
    // A new browser session (new worker, new socket) gets the recent call with its name.
    const again = await connect(h.url, tok);
    const snap = (await again.next('snapshot')) as Of<'snapshot'>;
    expect(snap.recent[0]).toMatchObject({ id: 'n2', names: { '+33612345678': 'Camille Durand' }, display: { '+33612345678': '06 12 34 56 78' } });
    // A name for a call that is not theirs changes nothing they or anyone else sees.
    again.socket.emit('bandeau:cmd', { type: 'agent.callerName', ref: 'cn2', callId: 'unknown-call', name: 'Nobody' });
    await again.next('ack');
    again.socket.emit('bandeau:cmd', { type: 'agent.callerName', ref: 'cn3', callId: 'n2', name: 'x\r\ny' });
    expect(await again.next('error')).toMatchObject({ ref: 'cn3', code: 'invalid_message' });
    again.close();
    other.close();
  });

  it("sends the agent's dial rules (Magento's from the token, else the bridge's) and passes them to call control", async () => {
    const plain = await connect(h.url, await token({ userId: 25, extension: '7025' }));
    expect(((await plain.next('snapshot')) as Of<'snapshot'>).agent.dial).toEqual({ extension: '^\\d{2,6}$', featureCode: '\\*[0-9]{2,6}' });
    plain.close();
    const magento = await connect(h.url, await token({ userId: 26, extension: '7026', dial: { extensionPattern: '^7[0-9]{3}$', featureCodePattern: '' } }));
    expect(((await magento.next('snapshot')) as Of<'snapshot'>).agent.dial).toEqual({ extension: '^7[0-9]{3}$', featureCode: '' });
    magento.socket.emit('bandeau:cmd', { type: 'call.dial', ref: 'd1', number: '7002' });
    await magento.next('ack');
    expect(executed[executed.length - 1]!.agent).toMatchObject({ userId: 26, dial: { extensionPattern: '^7[0-9]{3}$', featureCodePattern: '' } });
    // A refusal carries its reason for the page to put in words.
    magento.socket.emit('bandeau:cmd', { type: 'call.dial', ref: 'd2', number: 'Dupont' });
    expect(await magento.next('error')).toMatchObject({ ref: 'd2', code: 'invalid_number', reason: 'characters' });
    magento.close();
  });
});
