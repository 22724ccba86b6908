import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bridge/bin/bandeau-bridge.js');

/** These tests run the built CLI (npm run build:bridge), as merchants do. */
describe('bandeau-bridge CLI', () => {
  it('exits with a clear error and EX_CONFIG on an invalid configuration', () => {
    const r = spawnSync(process.execPath, [BIN, 'start'], { env: { PATH: process.env.PATH, BANDEAU_SECRET: 'short' }, encoding: 'utf8' });
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/invalid configuration/);
    expect(r.stderr).toMatch(/secret: must be at least 32 characters/);
    expect(r.stderr).toMatch(/allowedOrigins/);
  });

  it('starts, logs JSON, answers /healthz on the admin listener only and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: { PATH: process.env.PATH, BANDEAU_SECRET: 'x'.repeat(40), BANDEAU_ALLOWED_ORIGINS: 'https://admin.shop.test', BANDEAU_LISTEN_PORT: '0' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const listening = (msg: string) =>
      new Promise<number>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`bridge did not start: ${out}`)), 10_000);
        const check = () => {
          const line = out.split('\n').find((l) => l.includes(`"msg":"${msg}"`));
          if (line) {
            clearTimeout(t);
            child.stdout.off('data', check);
            resolve((JSON.parse(line) as { port: number }).port);
          }
        };
        child.stdout.on('data', check);
        check();
      });
    const port = await listening('bridge listening');
    // With the agents' port free (0), the admin listener takes a free port too.
    const adminPort = await listening('admin listening');
    expect(adminPort).not.toBe(port);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(404);
    const health = await (await fetch(`http://127.0.0.1:${adminPort}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', pbx: { connected: false } });
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; level: number });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['bridge listening', 'admin listening', 'shutting down', 'bridge stopped']));
  });
});

describe('bandeau-bridge replay and phone (built CLI)', () => {
  const CAPTURES = path.resolve(ROOT, '../shared/ami-captures');

  it('replay prints one JSON line per finished call of a recorded stream', () => {
    const r = spawnSync(process.execPath, [BIN, 'replay', path.join(CAPTURES, 'pyfreepbx/answered.txt')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const calls = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ from: '7001', to: '7002', answered_by: '7002', disposition: 'answered' });
    expect(Object.keys(calls[0]!).sort()).toEqual(
      ['call_id', 'linked_ids', 'direction', 'from', 'to', 'rung', 'answered_by', 'disposition', 'started_at', 'answered_at', 'ended_at', 'duration_s', 'talk_s', 'transferred_to', 'queue', 'queue_position', 'abandon_position', 'wait_s'].sort(),
    );
  });

  it('replay says clearly when the file cannot be read', () => {
    const r = spawnSync(process.execPath, [BIN, 'replay', '/nonexistent/capture.txt'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/capture\.txt/);
  });

  it('phone prints E.164, or an error and a non-zero exit', () => {
    const ok = spawnSync(process.execPath, [BIN, 'phone', '06 12 34 56 78', '--country', 'FR'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toBe('+33612345678');
    const bad = spawnSync(process.execPath, [BIN, 'phone', '0612\r\n345678', '--country', 'FR'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/control character/);
  });
});
