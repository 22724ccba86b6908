/**
 * The worker's screen-pop lookup sends the number in a POST body with the form key, never in
 * the URL (issue 14, point 5): URLs end up in Magento's and proxies' access logs.
 */
import { CallerLookup } from '../../../frontend-ts/src/session/callerLookup';

describe('caller lookup by POST', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('puts the number and the form key in the body; the URL carries neither', async () => {
    const requests: Array<{ url: string; init: RequestInit | undefined }> = [];
    global.fetch = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
      requests.push({ url: String(url), init });
      return new Response(JSON.stringify({ phone: '+33612345678', customers: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    let changes = 0;
    const lookup = new CallerLookup(() => changes++);
    lookup.setUrl('https://shop.example/admin/bandeau/lookup/index/key/abc/', 'FORMKEY123');
    lookup.ensure(['+33612345678']);
    await new Promise((r) => setTimeout(r, 20));
    expect(requests).toHaveLength(1);
    const [{ url, init }] = requests as [{ url: string; init: RequestInit | undefined }];
    expect(url).toBe('https://shop.example/admin/bandeau/lookup/index/key/abc/');
    expect(url).not.toMatch(/612345678/);
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    const body = new URLSearchParams(String(init?.body));
    expect(body.get('phone')).toBe('+33612345678');
    expect(body.get('form_key')).toBe('FORMKEY123');
    expect(lookup.view(['+33612345678'])['+33612345678']).toMatchObject({ status: 'done' });
    expect(changes).toBe(1);
  });
});
