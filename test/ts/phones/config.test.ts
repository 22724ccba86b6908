import { BridgeConfig } from '../../../bridge/src/config';
import { PhonesConfig } from '../../../bridge/src/phones/config';
import { deviceToken, deviceTokenMatches } from '../../../bridge/src/phones/deviceToken';

const base = { secret: 'x'.repeat(32), allowedOrigins: ['http://admin.example.test'] };

describe('phones config', () => {
  it('is off when absent and has the contract defaults when present', () => {
    expect(BridgeConfig.parse(base).phones).toBeUndefined();
    expect(BridgeConfig.parse({ ...base, phones: {} }).phones).toEqual({ auth: 'token', tokenVersion: 1, networks: ['127.0.0.1/32', '::1/128'], pageSize: 30, language: 'en_US', sync: { everyS: 900 } });
  });

  it('takes basic auth, networks, page size and sync interval', () => {
    const c = PhonesConfig.parse({ auth: 'basic', tokenVersion: 3, networks: ['10.0.0.0/8', 'fd00::/8', '192.168.1.20'], pageSize: 100, sync: { everyS: 60 } });
    expect(c).toMatchObject({ auth: 'basic', tokenVersion: 3, pageSize: 100, sync: { everyS: 60 } });
  });

  it.each([
    [{ auth: 'none' }, 'auth'],
    [{ networks: ['10.0.0.0/33'] }, 'networks'],
    [{ networks: ['phones.example.com'] }, 'networks'],
    [{ networks: [] }, 'networks'],
    [{ pageSize: 101 }, 'pageSize'],
    [{ pageSize: 0 }, 'pageSize'],
    [{ tokenVersion: 0 }, 'tokenVersion'],
    [{ sync: { everyS: 1 } }, 'sync'],
    [{ language: 'de_DE' }, 'language'],
    [{ unknown: true }, ''],
  ])('refuses %j', (phones, path) => {
    const r = BridgeConfig.safeParse({ ...base, phones });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.path.join('.')).toContain(`phones${path ? `.${path}` : ''}`);
  });
});

describe('device token', () => {
  it('matches the contract test vector (Magento computes the same)', () => {
    expect(deviceToken('0123456789abcdef0123456789abcdef', 1, '201')).toBe('bed5a8a6538606efa00ce310211f1145');
  });

  it('changes with the extension, the version and the secret', () => {
    const t = deviceToken('0123456789abcdef0123456789abcdef', 1, '201');
    expect(deviceToken('0123456789abcdef0123456789abcdef', 1, '202')).not.toBe(t);
    expect(deviceToken('0123456789abcdef0123456789abcdef', 2, '201')).not.toBe(t);
    expect(deviceToken('0123456789abcdef0123456789abcdeX', 1, '201')).not.toBe(t);
  });

  it('accepts only the exact token', () => {
    const s = '0123456789abcdef0123456789abcdef';
    expect(deviceTokenMatches(s, 1, '201', 'bed5a8a6538606efa00ce310211f1145')).toBe(true);
    expect(deviceTokenMatches(s, 1, '201', 'BED5A8A6538606EFA00CE310211F1145')).toBe(false);
    expect(deviceTokenMatches(s, 1, '201', 'bed5a8a6538606efa00ce310211f114')).toBe(false);
    expect(deviceTokenMatches(s, 1, '201', 'bed5a8a6538606efa00ce310211f11450')).toBe(false);
    expect(deviceTokenMatches(s, 1, '201', '')).toBe(false);
    expect(deviceTokenMatches(s, 2, '201', 'bed5a8a6538606efa00ce310211f1145')).toBe(false);
  });
});
