import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LookupResponse, parseMessage } from '../../../bridge/src/protocol/messages';

const CONTRACT = path.resolve(__dirname, '../../contract');

describe('the contract examples the Magento module answers with', () => {
  it('admin lookup response is a valid LookupResponse for the phone bar', () => {
    const body = JSON.parse(readFileSync(path.join(CONTRACT, 'admin.lookup.response.json'), 'utf8')) as unknown;
    const r = parseMessage(LookupResponse, body);
    expect(r).toMatchObject({ ok: true });
    if (r.ok) {
      expect(r.value.customers.length).toBeGreaterThan(0);
      // Nothing in the example is dropped by the browser's schema (same keys both sides).
      expect(JSON.parse(JSON.stringify(r.value))).toEqual(body);
    }
  });
});
