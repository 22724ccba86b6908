import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DirectoryResponse, parseMessage } from '../../../bridge/src/protocol/messages';
import { demoDirectorySearch } from '../../../bridge/src/demo/demoDirectorySearch';
import { demoDirectory } from '../../../bridge/src/demo/directory';
import { demoLookup } from '../../../bridge/src/demo/demoLookup';

const CONTRACT = path.resolve(__dirname, '../../contract');

describe('directory search (issue 13): the module and the demo answer the same shape', () => {
  it("the module's example (test/php/Sql/DirectorySearchTest.php) is a valid DirectoryResponse, nothing dropped", () => {
    const body = JSON.parse(readFileSync(path.join(CONTRACT, 'admin.directory.response.json'), 'utf8')) as unknown;
    const r = parseMessage(DirectoryResponse, body);
    expect(r).toMatchObject({ ok: true });
    if (r.ok) expect(JSON.parse(JSON.stringify(r.value))).toEqual(body);
  });

  const dir = demoDirectory();
  const search = (q: string) => {
    const r = demoDirectorySearch(dir, q);
    const parsed = parseMessage(DirectoryResponse, r);
    expect(parsed).toMatchObject({ ok: true });
    // The demo's answer has exactly the keys the module's has.
    if (parsed.ok) expect(JSON.parse(JSON.stringify(parsed.value))).toEqual(r);
    return r.results;
  };

  it('names word by word from the start, e-mails from the start, as the module does', () => {
    expect(search('dur').map((p) => p.name)).toEqual(['Camille Durand']);
    expect(search('CAMILLE d')[0]).toMatchObject({ customerId: 2, phones: [{ number: '+33612345678', display: '06 12 34 56 78' }], url: '/admin/customer/index/edit/id/2/' });
    expect(search('roni_cost@').map((p) => p.name)).toEqual(['Veronica Costello']);
    expect(search('urand')).toEqual([]);
    expect(search('x')).toEqual([]);
  });

  it('an order number finds its buyer first, with the order; a phone number finds who has it', () => {
    expect(search('102')[0]).toMatchObject({ customerId: 2, name: 'Camille Durand', orderIncrementId: '000000102', url: '/admin/sales/order/view/order_id/2/' });
    expect(search('#000000101')[0]).toMatchObject({ name: 'Veronica Costello', phones: [{ number: '+12122293326', display: '+1 212 229 3326' }] });
    expect(search('06 12 34 56 78').map((p) => p.name)).toEqual(['Camille Durand']);
  });

  it("the demo's screen pop shows Magento's status labels, translated when asked, never codes", () => {
    const card = demoLookup(dir, '0612345678').customers[0]!;
    expect(card.lastOrders?.map((o) => o.status)).toEqual(['Processing', 'Pending']);
    const fr: Record<string, string> = { Processing: 'En cours de traitement', Pending: 'À traiter' };
    expect(demoLookup(dir, '0612345678', 'FR', (s) => fr[s] ?? s).customers[0]!.lastOrders?.map((o) => o.status)).toEqual(['En cours de traitement', 'À traiter']);
  });
});
