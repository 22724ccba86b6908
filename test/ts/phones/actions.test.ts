import { handlePhoneAction } from '../../../bridge/src/phones/actions';
import { DEFAULT_OUTCOMES } from '../../../bridge/src/phones/actionsOutcome';
import { PHONE_VENDORS } from '../../../bridge/src/phones/config';
import { FakeBridge, FakeMagento, agentSession, call, phoneContext } from './callerPageFakes';
import { screenKeys, screenProblems, screenText } from './callerPageVendorScreens';

describe('desk phone soft keys (issue 17, point 3)', () => {
  const magento = new FakeMagento();
  let url: string;
  beforeAll(async () => {
    url = await magento.start();
  });
  afterAll(() => magento.stop());

  describe('open', () => {
    it.each(PHONE_VENDORS)('%s: the agents logged in on the phone\'s extension get phone.openCustomer, the phone says so', async (vendor) => {
      const bridge = new FakeBridge();
      bridge.sessions = [agentSession('201'), agentSession('202', { userId: 8 })];
      const a = await handlePhoneAction(phoneContext(vendor, { customer: '2', number: '+33612345678' }, { bridge }), 'open');
      expect(a.status).toBe(200);
      expect(screenProblems(vendor, a.body)).toEqual([]);
      // Sent, not opened: the page may still find Magento lists no such customer for the number.
      expect(screenText(a.body)).toContain('Sent to your browser.');
      expect(screenText(a.body)).not.toMatch(/opened/i);
      expect(bridge.sent).toEqual([{ ext: '201', msg: { type: 'phone.openCustomer', customerId: 2, number: '+33612345678' } }]);
    });

    it('says in French that the customer was sent to the browser, not that it opened', async () => {
      const bridge = new FakeBridge();
      bridge.sessions = [agentSession('201')];
      const a = await handlePhoneAction(phoneContext('yealink', { customer: '2', number: '+33612345678' }, { bridge, locale: 'fr_FR' }), 'open');
      expect(screenText(a.body)).toContain('Envoyé à votre navigateur.');
      expect(screenText(a.body)).not.toMatch(/ouvert/i);
    });

    it('acts for the authenticated extension only, whatever the URL says', async () => {
      const bridge = new FakeBridge();
      bridge.sessions = [agentSession('201'), agentSession('202', { userId: 8 })];
      await handlePhoneAction(phoneContext('cisco', { ext: '202', customer: '2', number: '+33612345678' }, { bridge, ext: '201' }), 'open');
      expect(bridge.sent.map((s) => s.ext)).toEqual(['201']);
    });

    it('says why nothing opened: nobody logged in, a bad customer or number, no extension', async () => {
      const bridge = new FakeBridge();
      const nobody = await handlePhoneAction(phoneContext('yealink', { customer: '2', number: '+33612345678' }, { bridge }), 'open');
      expect(screenText(nobody.body)).toContain('Nobody is logged in to the admin on this phone.');
      bridge.sessions = [agentSession('201')];
      for (const q of [{ customer: '0', number: '+33612345678' }, { customer: '2.5', number: '+33612345678' }, { customer: 'x', number: '+33612345678' }, { customer: '2', number: 'nope' }, { customer: '2' }] as Array<Record<string, string>>) {
        const a = await handlePhoneAction(phoneContext('yealink', q, { bridge }), 'open');
        expect(a.status).toBe(400);
        expect(screenText(a.body)).toContain('This customer cannot be opened.');
      }
      const noExt = await handlePhoneAction(phoneContext('snom', { customer: '2', number: '+33612345678' }, { bridge, ext: null }), 'open');
      expect(noExt.status).toBe(400);
      expect(bridge.sent).toEqual([]);
      const unknown = await handlePhoneAction(phoneContext('snom', {}, { bridge }), 'delete');
      expect(unknown.status).toBe(404);
    });
  });

  describe('outcome', () => {
    it.each(PHONE_VENDORS)('%s: lists the outcomes as soft keys (Magento\'s list, else the module\'s defaults)', async (vendor) => {
      magento.outcomes = { status: 404, body: { message: 'Request does not match any route.' } };
      const a = await handlePhoneAction(phoneContext(vendor, {}, { magento: url, bridge: new FakeBridge() }), 'outcome');
      expect(screenProblems(vendor, a.body)).toEqual([]);
      const keys = screenKeys(vendor, a.body).filter(([, u]) => u.startsWith('http'));
      expect(keys.length).toBeGreaterThanOrEqual(3);
      for (const [label, u] of keys) {
        // The value in full; the key's label as long as the phone shows it.
        const value = new URL(u).searchParams.get('value')!;
        expect(DEFAULT_OUTCOMES).toContain(value);
        expect(value.startsWith(label)).toBe(true);
      }
    });

    it('saves the chosen outcome on the extension\'s last call, for its agent, through Magento', async () => {
      magento.outcomes = { status: 200, body: ['Sale', 'No sale'] };
      magento.saved = [];
      magento.saveReply = { status: 200, body: { call_id: 'c2', outcome: 'Sale' } };
      const bridge = new FakeBridge();
      bridge.sessions = [agentSession('201', { userId: 12, recent: [call({ id: 'c2' }), call({ id: 'c1' })] })];
      const list = await handlePhoneAction(phoneContext('cisco', {}, { magento: url, bridge }), 'outcome');
      expect(screenKeys('cisco', list.body).map(([l]) => l)).toEqual(['Sale', 'No sale', 'Exit']);
      expect(screenText(list.body)).toContain('06 12 34 56 78');
      const a = await handlePhoneAction(phoneContext('cisco', { value: 'Sale' }, { magento: url, bridge }), 'outcome');
      expect(screenText(a.body)).toContain('Saved: Sale');
      expect(magento.saved).toEqual([{ callId: 'c2', body: { outcome: 'Sale', agentUserId: 12 } }]);
      // During a call (a new one ringing aside), the outcome is that call's.
      const session = bridge.sessions[0]!;
      session.calls.set('now', call({ id: 'now', state: 'answered', from: '+33611111111', names: { '+33611111111': 'Jeanne Dupont' } }));
      session.calls.set('next', call({ id: 'next', state: 'ringing', startedAt: '2026-12-01T10:00:00.000Z' }));
      const during = await handlePhoneAction(phoneContext('yealink', {}, { magento: url, bridge }), 'outcome');
      expect(screenText(during.body)).toContain('Jeanne Dupont');
      await handlePhoneAction(phoneContext('yealink', { value: 'No sale' }, { magento: url, bridge }), 'outcome');
      expect(magento.saved[1]).toEqual({ callId: 'now', body: { outcome: 'No sale', agentUserId: 12 } });
    });

    it('refuses in words: an outcome not in the list, nobody logged in, no call, Magento\'s refusal', async () => {
      magento.outcomes = { status: 200, body: ['Sale', 'No sale'] };
      magento.saved = [];
      const bridge = new FakeBridge();
      const ctx = (value: string) => phoneContext('snom', { value }, { magento: url, bridge });
      expect(screenText((await handlePhoneAction(ctx('Hacked'), 'outcome')).body)).toContain('This outcome is not in the list.');
      expect(screenText((await handlePhoneAction(ctx('Sale'), 'outcome')).body)).toContain('Nobody is logged in to the admin on this phone.');
      bridge.sessions = [agentSession('201')];
      expect(screenText((await handlePhoneAction(ctx('Sale'), 'outcome')).body)).toContain('No recent call on this phone.');
      bridge.sessions = [agentSession('201', { recent: [call({ id: 'c9' })] })];
      magento.saveReply = { status: 403, body: { message: 'Only an agent who took part in call %1 can wrap it up.', parameters: ['c9'] } };
      expect(screenText((await handlePhoneAction(ctx('Sale'), 'outcome')).body)).toContain('Only an agent who took part in call c9 can wrap it up.');
      expect(magento.saved).toHaveLength(1);
    });
  });

  describe('callback', () => {
    it.each(PHONE_VENDORS)('%s: dials the last missed caller from the phone\'s own extension, as its agent', async (vendor) => {
      const bridge = new FakeBridge();
      const recent = [
        call({ id: 'out', direction: 'outbound', from: '201', to: '+33699999999', disposition: 'missed' }),
        call({ id: 'ok', from: '+33688888888', disposition: 'answered' }),
        call({ id: 'miss', from: '+33612345678', disposition: 'missed' }),
        call({ id: 'older', from: '+33677777777', disposition: 'missed' }),
      ];
      bridge.sessions = [agentSession('201', { userId: 12, permissions: ['dial', 'x'], recent })];
      const a = await handlePhoneAction(phoneContext(vendor, { number: '+33700000000', ext: '999' }, { bridge }), 'callback');
      expect(screenProblems(vendor, a.body)).toEqual([]);
      expect(screenText(a.body)).toContain('Calling back');
      expect(bridge.commands).toEqual([{ agent: { userId: 12, extension: '201', permissions: ['dial', 'x'] }, cmd: { type: 'call.dial', number: '+33612345678' } }]);
    });

    it('says why it cannot: nobody logged in, no missed call, no PBX, call control\'s refusal', async () => {
      const bridge = new FakeBridge();
      const ctx = () => phoneContext('polycom', {}, { bridge });
      expect(screenText((await handlePhoneAction(ctx(), 'callback')).body)).toContain('Nobody is logged in to the admin on this phone.');
      bridge.sessions = [agentSession('201', { recent: [call({ id: 'a', disposition: 'answered' })] })];
      expect(screenText((await handlePhoneAction(ctx(), 'callback')).body)).toContain('No missed call to return.');
      bridge.sessions = [agentSession('201', { recent: [call({ id: 'm', disposition: 'missed' })] })];
      bridge.commandError = Object.assign(new Error('You are not allowed to place calls.'), { code: 'forbidden' });
      expect(screenText((await handlePhoneAction(ctx(), 'callback')).body)).toContain('You are not allowed to place calls.');
      bridge.callControl = undefined;
      expect(screenText((await handlePhoneAction(ctx(), 'callback')).body)).toContain('No phone system is connected to the bridge.');
      expect(bridge.commands).toEqual([]);
    });
  });
});
