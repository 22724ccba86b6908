import http from 'node:http';
import { deviceToken } from '../../../bridge/src/phones/deviceToken';
import { FakePhonebookMagento, PHONE_SECRET, phonesConfig, startPhoneBridge, type PhoneBridge } from './phoneFixtures';

const TOKEN_201 = deviceToken(PHONE_SECRET, 1, '201');

/** A raw request as a phone sends it (no Origin), with any Host and headers. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('desk phone access', () => {
  const magento = new FakePhonebookMagento();
  let magentoUrl: string;
  const bridges: PhoneBridge[] = [];
  const start = async (phones: Record<string, unknown>, o: { open?: boolean } = {}) => {
    const b = await startPhoneBridge(phonesConfig(magentoUrl, phones), o);
    bridges.push(b);
    return b;
  };

  beforeAll(async () => {
    magentoUrl = await magento.start();
    magento.customers = [{ customer_id: 1, name: 'Jeanne Dupont', group: 'General', phones: [{ e164: '+33612345678', kind: 'billing' }] }];
  });
  afterAll(async () => {
    for (const b of bridges) await b.stop();
    await magento.stop();
  });

  describe('token mode', () => {
    let b: PhoneBridge;
    beforeAll(async () => {
      b = await start({});
    });

    it('answers a phone with its extension and token', async () => {
      const r = await get(`${b.url}/phone/yealink/directory.xml?ext=201&t=${TOKEN_201}&q=jea`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('text/xml; charset=UTF-8');
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.body).toContain('<Name>Jeanne Dupont</Name>');
    });

    it('takes any Host (phones use the LAN address), unlike the agents\' paths', async () => {
      const r = await get(`${b.url}/phone/cisco/directory.xml?ext=201&t=${TOKEN_201}`, { host: '192.168.1.10:8788' });
      expect(r.status).toBe(200);
      expect((await get(`${b.url}/other`, { host: '192.168.1.10:8788' })).status).toBe(403);
    });

    it.each([
      ['no token', '?ext=201'],
      ['no extension', `?t=${TOKEN_201}`],
      ['a forged token', '?ext=201&t=00000000000000000000000000000000'],
      ['another extension\'s token', `?ext=202&t=${TOKEN_201}`],
      ['the token in upper case', `?ext=201&t=${TOKEN_201.toUpperCase()}`],
      ['a token of another version', `?ext=201&t=${deviceToken(PHONE_SECRET, 2, '201')}`],
      ['an extension with markup', `?ext=%3Cb%3E&t=${TOKEN_201}`],
    ])('refuses %s with 403 and says nothing of the book', async (_, query) => {
      const r = await get(`${b.url}/phone/yealink/directory.xml${query}&q=jea`);
      expect(r.status).toBe(403);
      expect(r.body).not.toContain('Jeanne');
    });

    it('refuses basic auth when the token mode is configured', async () => {
      const r = await get(`${b.url}/phone/yealink/directory.xml`, { authorization: `Basic ${Buffer.from(`201:${TOKEN_201}`).toString('base64')}` });
      expect(r.status).toBe(403);
    });

    it('refuses a web page (foreign Origin) even with a valid token', async () => {
      const r = await get(`${b.url}/phone/yealink/action/callback?ext=201&t=${TOKEN_201}`, { origin: 'https://evil.example' });
      expect(r.status).toBe(403);
    });

    it('answers 404 for an unknown vendor or path, 405 for another method', async () => {
      expect((await get(`${b.url}/phone/nokia/directory.xml?ext=201&t=${TOKEN_201}`)).status).toBe(404);
      expect((await get(`${b.url}/phone/yealink/passwd?ext=201&t=${TOKEN_201}`)).status).toBe(404);
      expect((await get(`${b.url}/phone/yealink/directory.xml?ext=201&t=${TOKEN_201}`, {}, 'DELETE')).status).toBe(405);
    });
  });

  describe('basic mode', () => {
    let b: PhoneBridge;
    const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
    beforeAll(async () => {
      b = await start({ auth: 'basic' });
    });

    it('answers with user = extension and password = token', async () => {
      const r = await get(`${b.url}/phone/snom/directory.xml?q=dup`, basic('201', TOKEN_201));
      expect(r.status).toBe(200);
      expect(r.body).toContain('Jeanne Dupont');
    });

    it('challenges a phone without credentials (401 + WWW-Authenticate)', async () => {
      const r = await get(`${b.url}/phone/snom/directory.xml`);
      expect(r.status).toBe(401);
      expect(r.headers['www-authenticate']).toMatch(/^Basic realm=/);
    });

    it('refuses a wrong password, another extension\'s token, a token in the URL only', async () => {
      expect((await get(`${b.url}/phone/snom/directory.xml`, basic('201', 'x'.repeat(32)))).status).toBe(401);
      expect((await get(`${b.url}/phone/snom/directory.xml`, basic('202', TOKEN_201))).status).toBe(401);
      expect((await get(`${b.url}/phone/snom/directory.xml?ext=201&t=${TOKEN_201}`)).status).toBe(401);
      expect((await get(`${b.url}/phone/snom/directory.xml`, { authorization: 'Basic !!!' })).status).toBe(401);
    });

    it('refuses an ext in the URL that is not the authenticated one', async () => {
      expect((await get(`${b.url}/phone/snom/caller.xml?ext=202`, basic('201', TOKEN_201))).status).toBe(403);
    });
  });

  describe('networks', () => {
    it('refuses a phone outside phones.networks before looking at its token', async () => {
      const b = await start({ networks: ['10.0.0.0/8', 'fd00::/8'] });
      const r = await get(`${b.url}/phone/yealink/directory.xml?ext=201&t=${TOKEN_201}`);
      expect(r.status).toBe(403);
      expect(r.body).toContain('phones.networks');
    });

    it('accepts a phone inside a configured subnet', async () => {
      const b = await start({ networks: ['127.0.0.0/8'] });
      expect((await get(`${b.url}/phone/yealink/directory.xml?ext=201&t=${TOKEN_201}`)).status).toBe(200);
    });

    it('keeps the network check in the open (demo) mode', async () => {
      const open = await start({ networks: ['10.0.0.0/8'] }, { open: true });
      expect((await get(`${open.url}/phone/yealink/directory.xml`)).status).toBe(403);
      const local = await start({}, { open: true });
      expect((await get(`${local.url}/phone/yealink/directory.xml?q=jea`)).status).toBe(200);
    });
  });
});
