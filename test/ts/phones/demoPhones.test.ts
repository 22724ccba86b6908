import { createLogger } from '../../../bridge/src/logger';
import { runDemo, type RunningDemo } from '../../../bridge/src/demo/runDemo';
import { PHONE_VENDORS } from '../../../bridge/src/phones/config';
import { decodeAnswer, entriesOf, structureProblems } from './vendorXml';

describe('desk phones in the demo', () => {
  let d: RunningDemo;
  beforeAll(async () => {
    d = await runDemo({ host: '127.0.0.1', port: 0, bridgePort: 0, routingPort: 0, tokenTtlS: 600, logger: createLogger('silent') });
    // The first pull from the demo site's phonebook stand-in runs at start; wait for it.
    await d.bridge.phones!.sync!.pull();
  });
  afterAll(() => d.stop());

  it.each(PHONE_VENDORS)('%s: the directory of the demo, by prefix, without credentials', async (vendor) => {
    const res = await fetch(`${d.bridgeUrl}/phone/${vendor}/directory.xml?q=lef`);
    expect(res.status).toBe(200);
    const xml = decodeAnswer(Buffer.from(await res.arrayBuffer()), res.headers.get('content-type'));
    expect(structureProblems(vendor, xml)).toEqual([]);
    // The Lefèvres share one landline: Polycom's contact file takes a number once (ct is unique).
    expect(entriesOf(vendor, xml).map(([n]) => n)).toEqual(vendor === 'polycom' ? ['Hugo Lefèvre'] : ['Hugo Lefèvre', 'Léa Lefèvre']);
  });

  it('lists the agents as staff and looks numbers up', async () => {
    const staff = await (await fetch(`${d.bridgeUrl}/phone/yealink/directory.xml?q=alice`)).text();
    expect(entriesOf('yealink', staff)).toEqual([['Alice Martin', '7001']]);
    const lookup = await (await fetch(`${d.bridgeUrl}/phone/snom/lookup?number=%2B12122293326`)).text();
    expect(entriesOf('snom', lookup)[0]![0]).toBe('Veronica Costello');
  });

  it('serves caller.xml on the same port (the caller page answers, whatever it shows)', async () => {
    const res = await fetch(`${d.bridgeUrl}/phone/polycom/caller.xml?number=%2B12122293326`);
    expect(res.status).not.toBe(404);
    expect(res.status).not.toBe(403);
  });
});

describe('the demo site\'s REST stand-in for the desk phones', () => {
  let d: RunningDemo;
  beforeAll(async () => {
    d = await runDemo({ host: '127.0.0.1', port: 0, bridgePort: 0, routingPort: 0, tokenTtlS: 600, logger: createLogger('silent') });
  });
  afterAll(() => d.stop());
  const rest = (path: string, init: RequestInit = {}) =>
    fetch(`${d.siteUrl}/rest/V1/bandeau/${path}`, { ...init, headers: { authorization: `Bearer ${d.callLog.token}`, 'content-type': 'application/json' } });

  it('pages the phone book by customer id, staff first page only', async () => {
    const first = (await (await rest('phonebook?afterId=0&limit=2')).json()) as { entries: Array<{ customer_id: number }>; staff?: unknown[]; next_after_id: number | null };
    expect(first.entries.map((e) => e.customer_id)).toEqual([1, 2]);
    expect(first.staff).toHaveLength(2);
    expect(first.next_after_id).toBe(2);
    const second = (await (await rest('phonebook?afterId=2&limit=100')).json()) as { staff?: unknown; next_after_id: number | null };
    expect(second.staff).toBeUndefined();
    expect(second.next_after_id).toBeNull();
    expect((await fetch(`${d.siteUrl}/rest/V1/bandeau/phonebook`)).status).toBe(401);
  });

  it('gives the caller page group, last order and open cart in the lookup', async () => {
    const r = (await (await rest('lookup', { method: 'POST', body: JSON.stringify({ phone: '+12122293326' }) })).json()) as { matches: Array<Record<string, unknown>> };
    expect(r.matches[0]).toMatchObject({ customer_id: 1, group: 'VIP', last_order: { increment_id: '000000101', grand_total: '$214.00' }, open_cart: { items: 2, total: '$89.90' } });
  });

  it('lists the outcomes and saves a quick outcome as the bar\'s wrap-up does', async () => {
    expect(await (await rest('wrapup/outcomes')).json()).toContain('Order placed');
    const ok = await rest('calls/demo-call-1/outcome', { method: 'POST', body: JSON.stringify({ outcome: 'Order placed', agentUserId: 1 }) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ call_id: 'demo-call-1', outcome: 'Order placed' });
    const bad = await rest('calls/demo-call-1/outcome', { method: 'POST', body: JSON.stringify({ outcome: 'Nope', agentUserId: 1 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('not one of the configured outcomes');
    const other = await rest('calls/demo-call-1/outcome', { method: 'POST', body: JSON.stringify({ outcome: 'Complaint', agentUserId: 2 }) });
    expect(other.status).toBe(403);
  });
});
