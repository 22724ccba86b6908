import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** What a merchant's fresh install meets: the committed lock and the module's Composer metadata. */
describe('packaging', () => {
  it('npm ci accepts the committed lock file as it is (no npm install fallback may rewrite it)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-lock-'));
    try {
      copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
      copyFileSync(path.join(ROOT, 'package-lock.json'), path.join(dir, 'package-lock.json'));
      const r = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
      expect(r.stderr).not.toMatch(/in sync|Missing:/);
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('setup installs npm packages with npm ci only', () => {
    const setup = readFileSync(path.join(ROOT, 'test/setup.sh'), 'utf8');
    expect(setup).toMatch(/npm ci /);
    expect(setup).not.toMatch(/npm install /);
  });

  it('the module states the Magento versions it supports', () => {
    const composer = JSON.parse(readFileSync(path.join(ROOT, 'composer.json'), 'utf8')) as {
      type: string;
      conflict?: Record<string, string>;
      suggest?: Record<string, string>;
    };
    expect(composer.type).toBe('magento2-module');
    expect(composer.conflict?.['magento/framework']).toBe('<103.0.4 || >=104.0');
    expect(composer.suggest?.['magento/framework']).toMatch(/2\.4\.4 to 2\.4\.8/);
  });
});
