import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SessionHub } from '../../../frontend-ts/src/session/sessionHub';
import { followOpen, openAdminUrl } from '../../../frontend-ts/src/page/openAdminUrl';
import { errorSentence } from '../../../frontend-ts/src/page/errorSentences';
import { makeTranslator } from '../../../frontend-ts/src/page/strings';
import { readTranslationCsv } from '../../../bridge/src/demo/moduleStrings';
import { startBridge, token, type Harness } from '../helpers/bridgeHarness';
import { quietHubLogs } from '../helpers/quietHubLogs';
import { fakePage } from '../helpers/fakePage';
import { until } from '../helpers/waitFor';

/**
 * A desk phone's "Open" soft key (issue 17): the bridge sends phone.openCustomer to the agents
 * on the phone's extension; the session finds the customer's admin URL in Magento's lookup
 * answer and sends it to the page the agent used last; that page goes there on its own origin only.
 */

/** Magento's token and lookup controllers: the lookup lists customer 2 (and 9) for +33612345678. */
async function magento() {
  const lookups: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      if (req.url === '/token') {
        void token({ ttlS: 600 }).then((t) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: t })));
        return;
      }
      const phone = form.get('phone') ?? '';
      lookups.push(phone);
      const customers =
        phone === '+33612345678'
          ? [
              { customerId: 2, name: 'Camille Durand', url: '/admin/customer/index/edit/id/2/key/abc/' },
              { customerId: 9, name: 'Other', url: 'https://evil.example/steal' },
            ]
          : [];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ phone, customers }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { tokenUrl: `${base}/token`, lookupUrl: `${base}/lookup`, lookups, close: () => server.close() };
}

describe('desk phone "Open" in the browser session', () => {
  let h: Harness;
  let m: Awaited<ReturnType<typeof magento>>;
  let hub: SessionHub;
  quietHubLogs();
  beforeEach(async () => {
    h = await startBridge({ origins: ['http://127.0.0.1'], nonBrowserClients: true });
    m = await magento();
  });
  afterEach(async () => {
    hub?.close();
    m.close();
    await h.stop();
  });

  it('opens Magento\'s URL for the customer in the page the agent used last, once', async () => {
    hub = new SessionHub('shared-worker');
    const a = fakePage(hub, 'A');
    const b = fakePage(hub, 'B');
    const config = { bridgeUrl: h.url, tokenUrl: m.tokenUrl, formKey: 'fk', lookupUrl: m.lookupUrl };
    a.post({ type: 'hello', pageId: 'A', visible: true, config });
    await until(a.connected, 8000, 'page A connected', 20);
    b.post({ type: 'hello', pageId: 'B', visible: true, config });
    await until(b.connected, 8000, 'page B connected', 20);
    // The agent works in A (focus heartbeat), then B is the one they clicked into last.
    a.post({ type: 'heartbeat', pageId: 'A', visible: true, active: true });
    await new Promise((r) => setTimeout(r, 30));
    b.post({ type: 'heartbeat', pageId: 'B', visible: true, active: true });
    await new Promise((r) => setTimeout(r, 30));
    a.post({ type: 'heartbeat', pageId: 'A', visible: true, active: false });
    expect(h.server.sendToExtension('7005', { type: 'phone.openCustomer', customerId: 2, number: '+33612345678' })).toBe(1);
    await until(() => b.opened().length > 0, 8000, 'page B told to open', 20);
    expect(b.opened()).toEqual([{ type: 'open', url: '/admin/customer/index/edit/id/2/key/abc/' }]);
    expect(a.opened()).toEqual([]);
    expect(m.lookups).toEqual(['+33612345678']);
    // Another extension's phone reaches nobody here.
    expect(h.server.sendToExtension('7006', { type: 'phone.openCustomer', customerId: 2, number: '+33612345678' })).toBe(0);
    expect(b.notices()).toEqual([]);
    // A customer Magento does not list for the number opens nothing, and that page's bar says so.
    h.server.sendToExtension('7005', { type: 'phone.openCustomer', customerId: 3, number: '+33612345678' });
    await until(() => b.notices().length > 0, 8000, 'a notice on page B', 20);
    expect(b.opened()).toHaveLength(1);
    expect(b.notices()).toEqual([expect.objectContaining({ type: 'notice', level: 'error', code: 'open_failed' })]);
    expect(a.notices()).toEqual([]);
    a.close();
    b.close();
  });

  it('a page goes only to its own origin', () => {
    const at = (href: string) => {
      const went: string[] = [];
      const u = new URL(href);
      return { href, origin: u.origin, assign: (x: string | URL) => void went.push(String(x)), went };
    };
    const loc = at('https://shop.example/admin/dashboard/');
    expect(openAdminUrl('/admin/customer/index/edit/id/2/', loc)).toBe(true);
    expect(openAdminUrl('https://evil.example/steal', loc)).toBe(false);
    expect(openAdminUrl('javascript:alert(1)', loc)).toBe(false);
    expect(openAdminUrl('//evil.example/x', loc)).toBe(false);
    expect(openAdminUrl('http://[bad', loc)).toBe(false);
    expect(loc.went).toEqual(['https://shop.example/admin/customer/index/edit/id/2/']);
  });

  it('a page that will not go where it was sent tells the agent, in their language', () => {
    const u = new URL('https://shop.example/admin/dashboard/');
    const went: string[] = [];
    const loc = { href: u.href, origin: u.origin, assign: (x: string) => void went.push(x) };
    const notices: Array<{ code: string }> = [];
    followOpen('/admin/customer/index/edit/id/2/', (n) => notices.push(n), loc);
    expect(notices).toEqual([]);
    followOpen('https://evil.example/steal', (n) => notices.push(n), loc);
    expect(went).toEqual(['https://shop.example/admin/customer/index/edit/id/2/']);
    expect(notices).toEqual([expect.objectContaining({ level: 'error', code: 'open_failed' })]);
    // What the bar shows for it (page/index.ts: errorSentence of the notice).
    const i18n = path.resolve(__dirname, '../../../app/code/Bandeau/Cti/i18n');
    const fr = makeTranslator(Object.fromEntries(readTranslationCsv(path.join(i18n, 'fr_FR.csv'))));
    expect(errorSentence(notices[0]!, makeTranslator(undefined))).toBe('Your desk phone asked to open a customer page, but it could not be opened.');
    expect(errorSentence(notices[0]!, fr)).toBe("Votre téléphone de bureau a demandé d'ouvrir une fiche client, mais elle n'a pas pu être ouverte.");
  });
});
