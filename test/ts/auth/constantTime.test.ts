import type http from 'node:http';
import { Registry } from 'prom-client';
import * as constantTime from '../../../bridge/src/auth/constantTime';
import { sameSecret } from '../../../bridge/src/auth/constantTime';
import { AdminListener } from '../../../bridge/src/http/adminListener';
import { createLogger } from '../../../bridge/src/logger';
import { requireBearer } from '../../../bridge/src/pbx/webhook/auth';
import { deviceToken, deviceTokenMatches } from '../../../bridge/src/phones/deviceToken';

describe('sameSecret', () => {
  it('is true for the same string only, whatever the lengths', () => {
    expect(sameSecret('s3cret-token', 's3cret-token')).toBe(true);
    expect(sameSecret('', '')).toBe(true);
    expect(sameSecret('s3cret-token', 's3cret-tokem')).toBe(false);
    expect(sameSecret('s3cret-toke', 's3cret-token')).toBe(false);
    expect(sameSecret('s3cret-token-and-more', 's3cret-token')).toBe(false);
    expect(sameSecret('', 's3cret-token')).toBe(false);
    expect(sameSecret('S3CRET-TOKEN', 's3cret-token')).toBe(false);
    // Same characters count, other bytes: compared as UTF-8.
    expect(sameSecret('é', 'e')).toBe(false);
    expect(sameSecret('é', 'é')).toBe(true);
  });
});

describe('every secret the bridge checks goes through sameSecret', () => {
  let spy: jest.SpyInstance;
  beforeEach(() => {
    spy = jest.spyOn(constantTime, 'sameSecret');
  });
  afterEach(() => spy.mockRestore());

  it("a desk phone's token, of any length", () => {
    const good = deviceToken('x'.repeat(32), 1, '201');
    expect(deviceTokenMatches('x'.repeat(32), 1, '201', good)).toBe(true);
    expect(deviceTokenMatches('x'.repeat(32), 1, '201', good.slice(1))).toBe(false);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it("a webhook's Bearer token", () => {
    const req = (authorization: string) => ({ headers: { authorization } }) as http.IncomingMessage;
    expect(() => requireBearer(req('Bearer a-much-shorter-one'), 'the-shared-webhook-token')).toThrow(/does not match/);
    expect(() => requireBearer(req('Bearer the-shared-webhook-token'), 'the-shared-webhook-token')).not.toThrow();
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it("the admin listener's Bearer token", async () => {
    const token = 'admin-token-0123456789';
    const admin = new AdminListener({
      config: { enabled: true, host: '127.0.0.1', port: 0, token },
      secret: () => 'z'.repeat(32),
      logger: createLogger('silent'),
      registry: new Registry(),
      health: () => ({ status: 200, body: { ok: true } }),
      revoke: () => 0,
    });
    const port = await admin.start();
    try {
      const get = (auth: string) => fetch(`http://127.0.0.1:${port}/healthz`, { headers: { authorization: auth } }).then((r) => r.status);
      expect(await get('Bearer short')).toBe(401);
      expect(await get(`Bearer ${token}`)).toBe(200);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      await admin.stop();
    }
  });
});
