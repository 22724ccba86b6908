import { PHONE_VENDORS, type PhoneVendor } from '../../../bridge/src/phones/config';
import { deviceToken } from '../../../bridge/src/phones/deviceToken';
import { decodeAnswer, entriesOf, softKeysOf, structureProblems } from './vendorXml';
import { FakePhonebookMagento, HOSTILE_CUSTOMERS, HOSTILE_NAMES, PHONE_SECRET, phonesConfig, startPhoneBridge, type BookCustomer, type PhoneBridge } from './phoneFixtures';

const CREDS = `ext=201&t=${deviceToken(PHONE_SECRET, 1, '201')}`;

/** 80 customers "Martin 00".."Martin 79", one with two numbers. */
const MARTINS: BookCustomer[] = Array.from({ length: 80 }, (_, i) => ({
  customer_id: 1000 + i,
  name: `Martin ${String(i).padStart(2, '0')}`,
  group: 'General',
  phones: [{ e164: `+3361111${String(1000 + i)}`, kind: 'billing' }, ...(i === 3 ? [{ e164: '+33199999999', kind: 'shipping' }] : [])],
}));

describe('directory XML per vendor', () => {
  const magento = new FakePhonebookMagento();
  let bridge: PhoneBridge;

  beforeAll(async () => {
    const url = await magento.start();
    magento.customers = [...HOSTILE_CUSTOMERS, ...MARTINS, { customer_id: 5, name: 'Léa Lefèvre', group: 'VIP', phones: [{ e164: '+33184881234', kind: 'billing' }] }];
    magento.staff = [{ name: 'Sales desk', extension: '201' }];
    bridge = await startPhoneBridge(phonesConfig(url, { pageSize: 40 }, { callControl: { defaultRegion: 'FR', dialFormat: 'national' } }));
  });
  afterAll(async () => {
    await bridge.stop();
    await magento.stop();
  });

  const fetchXml = async (vendor: PhoneVendor, path: string) => {
    const res = await fetch(`${bridge.url}/phone/${vendor}/${path}${path.includes('?') ? '&' : '?'}${CREDS}`);
    expect(res.status).toBe(200);
    const xml = decodeAnswer(Buffer.from(await res.arrayBuffer()), res.headers.get('content-type'));
    expect(structureProblems(vendor, xml)).toEqual([]);
    return xml;
  };

  it.each(PHONE_VENDORS)('%s: every hostile name gives an answer of the vendor\'s structure', async (vendor) => {
    // Whole book, page by page: every answer is checked, hostile names included.
    let xml = await fetchXml(vendor, 'directory.xml');
    let pages = 1;
    const seen: Array<[string, string]> = [...entriesOf(vendor, xml)];
    // Polycom's file has no soft keys: its pages are asked for by number.
    const nextUrl = () => (vendor === 'polycom' ? (entriesOf(vendor, xml).length > 0 ? `directory.xml?page=${pages + 1}` : null) : (softKeysOf(vendor, xml).find(([k]) => k === 'Next')?.[1] ?? null));
    for (let next = nextUrl(); next && pages < 10; next = nextUrl()) {
      xml = await fetchXml(vendor, next.replace(/^http:\/\/[^/]+\/phone\/[a-z]+\//, ''));
      seen.push(...entriesOf(vendor, xml));
      pages++;
    }
    expect(seen.length).toBe(HOSTILE_NAMES.length + 81 + 1 + 1);
    for (const [name] of seen) {
      // eslint-disable-next-line no-control-regex
      expect(name).not.toMatch(/\p{Extended_Pictographic}|[\u0000-\u001f]/u);
    }
    // Markup and entity-looking text come back as the same text (escaped once on the wire, read back by the parser).
    expect(seen.some(([n]) => n.includes('<script>'))).toBe(true);
    expect(seen.some(([n]) => n.startsWith(']]> <![CDATA[ &amp; &#0;'))).toBe(true);
  });

  it.each(PHONE_VENDORS)('%s: names keep their markup as text, and scripts per charset', async (vendor) => {
    const q = async (prefix: string) => entriesOf(vendor, await fetchXml(vendor, `directory.xml?q=${encodeURIComponent(prefix)}`));
    expect((await q('tom'))[0]![0]).toContain('Tom & Jerry "Ltd"');
    expect((await q('script'))[0]![0]).toContain('<script>');
    expect((await q('lefe'))[0]![0]).toMatch(/Léa|Lefèvre/);
    const arabic = await q('محمد');
    const chinese = await q('王');
    if (vendor === 'cisco') {
      // Latin-1 phones: nothing showable, so the number stands for the name.
      expect(arabic[0]![0]).toBe(arabic[0]![1]);
      expect(chinese[0]![0]).toBe(chinese[0]![1]);
    } else {
      expect(arabic[0]!.join(' ')).toContain('محمد');
      expect(chinese[0]!.join(' ')).toContain('王小明');
    }
  });

  it('pages Cisco by 32 at most, with Next and Prev soft keys', async () => {
    const first = await fetchXml('cisco', 'directory.xml?q=martin');
    expect(entriesOf('cisco', first)).toHaveLength(32);
    const keys = softKeysOf('cisco', first);
    expect(keys.map(([k]) => k)).toEqual(['Dial', 'EditDial', 'Next', 'Exit']);
    const next = keys.find(([k]) => k === 'Next')![1];
    expect(next).toContain('page=2');
    expect(next).toContain(CREDS);
    const second = await fetchXml('cisco', 'directory.xml?q=martin&page=2');
    expect(softKeysOf('cisco', second).map(([k]) => k)).toEqual(['Dial', 'EditDial', 'Prev', 'Next', 'Exit']);
    const third = await fetchXml('cisco', 'directory.xml?q=martin&page=3');
    // 80 Martins + one second number = 81 listings: 32 + 32 + 17.
    expect(entriesOf('cisco', third)).toHaveLength(17);
    expect(softKeysOf('cisco', third).map(([k]) => k)).not.toContain('Next');
    const all = [first, second, third].flatMap((x) => entriesOf('cisco', x).map(([n, t]) => `${n} ${t}`));
    expect(new Set(all).size).toBe(81);
    expect(all.slice(0, 3)).toEqual(['Martin 00 0611111000', 'Martin 01 0611111001', 'Martin 02 0611111002']);
  });

  it('pages the other vendors by the configured size', async () => {
    expect(entriesOf('yealink', await fetchXml('yealink', 'directory.xml?q=martin'))).toHaveLength(40);
    expect(entriesOf('snom', await fetchXml('snom', 'directory.xml?q=martin&page=3'))).toHaveLength(1);
    expect(softKeysOf('snom', await fetchXml('snom', 'directory.xml?q=martin&page=2')).map(([k]) => k)).toEqual(['Prev', 'Next']);
  });

  it('dials numbers as the PBX wants them and staff by extension', async () => {
    expect(entriesOf('yealink', await fetchXml('yealink', 'directory.xml?q=sales'))).toEqual([['Sales desk', '201']]);
    expect(entriesOf('polycom', await fetchXml('polycom', 'directory.xml?q=lea'))).toEqual([['Léa Lefèvre', '0184881234']]);
  });

  it('treats a page out of range or junk as page 1, and an unknown prefix as an empty directory', async () => {
    expect(entriesOf('snom', await fetchXml('snom', 'directory.xml?q=martin&page=-4'))[0]![0]).toBe('Martin 00');
    expect(entriesOf('snom', await fetchXml('snom', 'directory.xml?q=martin&page=abc'))[0]![0]).toBe('Martin 00');
    expect(entriesOf('snom', await fetchXml('snom', 'directory.xml?q=martin&page=999'))).toEqual([]);
    expect(entriesOf('polycom', await fetchXml('polycom', 'directory.xml?q=nobody'))).toEqual([]);
    expect(entriesOf('yealink', await fetchXml('yealink', 'directory.xml?q=%23SEARCH'))).toHaveLength(40);
  });

  it.each(PHONE_VENDORS)('%s: reverse lookup names the number, in E.164 or as the phone shows it', async (vendor) => {
    const e164 = entriesOf(vendor, await fetchXml(vendor, 'lookup?number=%2B33184881234'));
    expect(e164).toEqual([['Léa Lefèvre', '0184881234']]);
    expect(entriesOf(vendor, await fetchXml(vendor, 'lookup?number=01%2084%2088%2012%2034'))).toEqual(e164);
    expect(entriesOf(vendor, await fetchXml(vendor, 'lookup?number=%2B33100000000'))).toEqual([]);
    expect(entriesOf(vendor, await fetchXml(vendor, 'lookup?number=%3Cx%3E'))).toEqual([]);
  });
});
