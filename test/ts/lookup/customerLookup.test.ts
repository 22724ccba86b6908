/**
 * The call records' customer lookup and the desk phones' caller page send Magento the same
 * request (one sender, requestLookup): POST /V1/bandeau/lookup with the number in the body.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '../../../bridge/src/logger';
import { restCustomerLookup } from '../../../bridge/src/lookup/customerLookup';
import { lookupCaller } from '../../../bridge/src/phones/callerPageLookup';

interface Seen {
  line: string;
  auth: string | undefined;
  body: string;
}

describe('caller lookup request', () => {
  const seen: Seen[] = [];
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ line: `${req.method} ${req.url}`, auth: req.headers.authorization, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ matches: [{ customer_id: 7, name: 'Camille Durand' }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest/default/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('is the same for a call record and a caller page, the number never in the URL', async () => {
    const records = restCustomerLookup({ url, token: 'rest-token', logger: createLogger('silent') });
    expect(await records('+33612345678')).toBe(7);
    expect(await lookupCaller({ url, token: 'rest-token' }, '+33612345678')).toMatchObject({ customerId: 7, name: 'Camille Durand' });
    const expected = { line: 'POST /rest/default/V1/bandeau/lookup', auth: 'Bearer rest-token', body: '{"phone":"+33612345678"}' };
    expect(seen).toEqual([expected, expected]);
  });

  it('an unreachable Magento: no customer, logged with the reason and without the number', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (c: Buffer, _e, done) => (lines.push(c.toString('utf8')), done()) });
    const lookup = restCustomerLookup({ url: 'http://127.0.0.1:1/rest', token: 't', logger: createLogger('debug', sink) });
    expect(await lookup('+33612345678')).toBeNull();
    expect(lines.join('')).toMatch(/caller lookup failed/);
    expect(lines.join('')).not.toMatch(/612345678/);
  });
});
