import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../bridge/src/config';

const secret = 's'.repeat(40);
const dir = mkdtempSync(path.join(tmpdir(), 'bandeau-config-'));
const file = (name: string, body: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, body);
  return p;
};

describe('bridge configuration', () => {
  it('applies embedded defaults and environment variables over the file', () => {
    const f = file('ok.json', JSON.stringify({ secret, allowedOrigins: ['https://admin.shop.test'], listen: { port: 9000 } }));
    const c = loadConfig(f, { BANDEAU_LISTEN_PORT: '9100', BANDEAU_ALLOWED_ORIGINS: 'https://a.test, https://b.test:8443' });
    expect(c.listen).toEqual({ host: '127.0.0.1', port: 9100 });
    expect(c.allowedOrigins).toEqual(['https://a.test', 'https://b.test:8443']);
    expect(c.token.maxLifetimeS).toBe(3600);
    expect(c.log.level).toBe('info');
  });

  it('works from the environment alone', () => {
    const c = loadConfig(undefined, { BANDEAU_SECRET: secret, BANDEAU_ALLOWED_ORIGINS: 'https://admin.shop.test' });
    expect(c.listen.port).toBe(8788);
  });

  it('reports every problem at once, by path, in plain words', () => {
    const f = file('bad.json', JSON.stringify({ secret: 'short', allowedOrigins: ['https://admin.shop.test/admin'], listen: { port: 70000 }, typo: 1 }));
    let err: unknown;
    try {
      loadConfig(f, {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/secret: must be at least 32 characters/);
    expect(msg).toMatch(/allowedOrigins\.0: must be an origin/);
    expect(msg).toMatch(/listen\.port/);
    expect(msg).toMatch(/typo/);
  });

  it('says clearly when the file is missing or not JSON', () => {
    expect(() => loadConfig(path.join(dir, 'missing.json'), {})).toThrow(/cannot read config file .*missing\.json/);
    expect(() => loadConfig(file('broken.json', '{ nope'), {})).toThrow(/is not valid JSON/);
  });

  it('rejects a non-numeric port from the environment', () => {
    expect(() => loadConfig(undefined, { BANDEAU_SECRET: secret, BANDEAU_ALLOWED_ORIGINS: 'https://a.test', BANDEAU_LISTEN_PORT: 'eighty' })).toThrow(/listen\.port/);
  });
});
