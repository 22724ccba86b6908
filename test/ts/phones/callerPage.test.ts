import { renderCallerPage } from '../../../bridge/src/phones/callerPage';
import { PHONE_VENDORS, type PhoneVendor } from '../../../bridge/src/phones/config';
import { CAMILLE, FakeMagento, asPhoneReads, call, phoneContext } from './callerPageFakes';
import { screenKeys, screenProblems, screenText } from './callerPageVendorScreens';
import { HOSTILE_NAMES } from './phoneFixtures';

describe('caller page (issue 17, point 2)', () => {
  const magento = new FakeMagento();
  let url: string;
  beforeAll(async () => {
    url = await magento.start();
    magento.matches.set('+33612345678', [CAMILLE]);
  });
  afterAll(() => magento.stop());

  describe.each(PHONE_VENDORS)('%s', (vendor) => {
    it('names the caller with group, last order and its state, open cart, and the soft keys', async () => {
      const a = await renderCallerPage(phoneContext(vendor, { number: '+33612345678' }, { magento: url }));
      expect(a.status).toBe(200);
      const xml = asPhoneReads(vendor, a);
      expect(screenProblems(vendor, xml)).toEqual([]);
      const text = screenText(xml);
      expect(text).toContain('Camille Durand');
      expect(text).toContain('Wholesale');
      expect(text).toContain('#000000104, Processing');
      // Cisco's Latin-1 has no euro sign.
      expect(text).toContain(vendor === 'cisco' ? 'Open cart: EUR 89.50 (2 items)' : 'Open cart: €89.50 (2 items)');
      expect(text).toContain('06 12 34 56 78');
      const keys = screenKeys(vendor, xml);
      const open = keys.find(([label]) => label === 'Open');
      expect(open).toBeDefined();
      const openUrl = new URL(open![1]);
      expect(openUrl.pathname).toBe(`/phone/${vendor}/action/open`);
      expect(Object.fromEntries(openUrl.searchParams)).toEqual({ ext: '201', t: 'bed5a8a6538606efa00ce310211f1145', customer: '2', number: '+33612345678' });
      expect(keys.map(([l]) => l)).toEqual(expect.arrayContaining(['Outcome', 'Call back']));
      if (vendor === 'polycom') expect(a.contentType).toBe('text/html; charset=UTF-8');
    });

    it('says "unknown caller" for a number nobody has, with no Open key', async () => {
      const a = await renderCallerPage(phoneContext(vendor, { number: '0987654321' }, { magento: url }));
      const xml = asPhoneReads(vendor, a);
      expect(screenProblems(vendor, xml)).toEqual([]);
      expect(screenText(xml)).toContain('Unknown caller');
      expect(screenText(xml)).toContain('09 87 65 43 21');
      expect(screenKeys(vendor, xml).map(([l]) => l)).not.toContain('Open');
    });

    it('?ext= shows the call ringing on the extension now', async () => {
      const live = [call({ id: 'old', state: 'answered', from: '+33700000000', startedAt: '2026-12-01T08:00:00.000Z' }), call({ id: 'ring', state: 'ringing', from: '+33612345678' })];
      const a = await renderCallerPage(phoneContext(vendor, { ext: '201' }, { magento: url, live }));
      expect(screenText(asPhoneReads(vendor, a))).toContain('Camille Durand');
    });

    it('answers in words when nothing rings, or the number cannot be read', async () => {
      const idle = await renderCallerPage(phoneContext(vendor, {}, { magento: url }));
      expect(screenProblems(vendor, asPhoneReads(vendor, idle))).toEqual([]);
      expect(screenText(asPhoneReads(vendor, idle))).toContain('No call on this phone now.');
      const bad = await renderCallerPage(phoneContext(vendor, { number: 'abc<>' }, { magento: url }));
      expect(screenText(asPhoneReads(vendor, bad))).toContain('This number cannot be read.');
      const hidden = await renderCallerPage(phoneContext(vendor, {}, { magento: url, live: [call({ id: 'x', state: 'ringing', from: '<unknown>' })] }));
      expect(screenText(asPhoneReads(vendor, hidden))).toContain('The caller hides their number.');
    });

    it('keeps its structure with hostile names (markup, quotes, controls, 500 characters, emoji, Arabic, Chinese)', async () => {
      for (const [i, name] of HOSTILE_NAMES.entries()) {
        const number = `+3361234${5600 + i}`;
        magento.matches.set(number, [{ ...CAMILLE, customer_id: 100 + i, name, group: name, last_order: { increment_id: '1<&>"', status: name, grand_total: '€1' } }]);
        const a = await renderCallerPage(phoneContext(vendor, { number }, { magento: url }));
        const xml = asPhoneReads(vendor, a);
        expect({ name, problems: screenProblems(vendor, xml) }).toEqual({ name, problems: [] });
        // Markup in a name is text on the screen, never an element.
        expect(xml).not.toContain('<script>');
        const text = screenText(xml);
        // eslint-disable-next-line no-control-regex
        expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u0085\u202e]/);
        if (vendor === 'cisco') expect(text).toMatch(/^[\u0000-\u00ff]*$/);
      }
      const arabic = asPhoneReads(vendor, await renderCallerPage(phoneContext(vendor, { number: `+3361234${5600 + 5}` }, { magento: url })));
      // Cisco's Latin-1 cannot show Arabic: the number stands in for the name.
      expect(screenText(arabic)).toContain(vendor === 'cisco' ? '06 12 34 56 05' : 'محمد العلي');
      const chinese = asPhoneReads(vendor, await renderCallerPage(phoneContext(vendor, { number: `+3361234${5600 + 6}` }, { magento: url })));
      if (vendor !== 'cisco') expect(screenText(chinese)).toContain('王小明');
    });
  });

  it('reads the number as phones pass it (sip: URI, national form) and asks Magento in E.164, in the body', async () => {
    magento.lookups = [];
    const a = await renderCallerPage(phoneContext('yealink', { number: 'sip:0612345678@pbx.example;user=phone' }, { magento: url }));
    expect(screenText(a.body)).toContain('Camille Durand');
    expect(magento.lookups).toEqual(['+33612345678']);
  });

  it('falls back to the phone book when Magento cannot answer, and says several customers share a number', async () => {
    const book = [{ customerId: 5, name: 'Jeanne Dupont', group: 'Retail', number: '+33611111111', kind: 'billing' }];
    const down = await renderCallerPage(phoneContext('snom', { number: '+33611111111' }, { magento: 'http://127.0.0.1:9/rest', book }));
    expect(screenText(down.body)).toContain('Jeanne Dupont');
    expect(screenText(down.body)).toContain('Group: Retail');
    const none = await renderCallerPage(phoneContext('snom', { number: '+33611111111' }, { magento: null, book }));
    expect(screenText(none.body)).toContain('Jeanne Dupont');
    magento.matches.set('+33622222222', [{ customer_id: 8, name: 'Paul Martin' }, { customer_id: 9, name: 'Pauline Martin' }, { customer_id: null, name: 'Guest Buyer', order_increment_id: '000000200' }]);
    const many = await renderCallerPage(phoneContext('cisco', { number: '+33622222222' }, { magento: url }));
    expect(screenText(many.body)).toContain('Paul Martin');
    expect(screenText(many.body)).toContain('1 other customer has this number');
    magento.matches.set('+33633333333', [{ customer_id: null, name: 'Guest Buyer', order_increment_id: '000000200' }]);
    const guest = await renderCallerPage(phoneContext('cisco', { number: '+33633333333' }, { magento: url }));
    expect(screenText(guest.body)).toContain('Last order: #000000200');
    expect(screenText(guest.body)).toContain('Guest order, no account');
    expect(screenKeys('cisco', guest.body).map(([l]) => l)).not.toContain('Open');
  });

  it('a Magento slower than the phone waits for gets the phone book instead', async () => {
    magento.delayMs = 2_500;
    try {
      const book = [{ customerId: 2, name: 'Camille D. (book)', group: 'Wholesale', number: '+33612345678', kind: 'billing' }];
      const started = Date.now();
      const a = await renderCallerPage(phoneContext('polycom', { number: '+33612345678' }, { magento: url, book }));
      expect(Date.now() - started).toBeLessThan(2_400);
      expect(screenText(a.body)).toContain('Camille D. (book)');
    } finally {
      magento.delayMs = 0;
    }
  });
});
