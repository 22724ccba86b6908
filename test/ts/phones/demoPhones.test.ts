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
