import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * The Magento admin stand-ins of test/php/bin/*-site.php (kernel: test/php/Support/AdminSite.php)
 * under PHP's built-in web server, and admin tabs on them in Chromium: a session cookie, the
 * secret-key URLs the kernel checks, what a real admin would show in the console.
 */
export const ROOT = path.resolve(__dirname, '../../..');
export const BUILT_JS = path.join(ROOT, 'app/code/Bandeau/Cti/view/adminhtml/web/js');
export const ARTIFACTS = path.join(ROOT, 'test/.artifacts');
/** AdminSite::SECRET_KEY: the URL key every admin GET must carry. */
export const SECRET_KEY = 'a1b2c3';

/** Admin path /admin/<frontName>/<controller>/<action>/<param>/<value>/…/key/<secret>/ (as Magento's URL builder). */
export function adminPath(route: string, params: Record<string, string | number> = {}): string {
  const pairs = Object.entries(params).map(([name, value]) => `${name}/${encodeURIComponent(String(value))}/`).join('');
  return `/admin/${route.replace(/^\/+|\/+$/g, '')}/${pairs}key/${SECRET_KEY}/`;
}

/** Fails early with the build command when a RequireJS module the page loads is not built. */
export function requireBuilt(...names: string[]): void {
  for (const name of names) {
    if (!existsSync(path.join(BUILT_JS, name))) throw new Error(`${name} is not built: run npm run build:frontend`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface AdminTab {
  context: BrowserContext;
  page: Page;
  /** Page errors, console errors and HTTP errors the test did not provoke. */
  problems: string[];
  /** Every URL the page requested. */
  requests: string[];
}

export interface AdminTabOptions {
  viewport?: { width: number; height: number };
  /** HTTP statuses the test provokes (not problems), e.g. a controller's 400. */
  allowStatus?: number[];
}

export class AdminSite {
  private constructor(
    readonly url: string,
    private readonly php: ChildProcess,
    private readonly output: { log: string },
    private readonly database: string | undefined,
  ) {}

  /**
   * Starts `php -S` on a free port with a site script (path from the project root). With `database`,
   * the site works in its own MariaDB database (BANDEAU_SITE_DB), dropped by stop(); `env` adds to
   * its environment (e.g. the token a REST site expects).
   */
  static async start(script: string, options: { database?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<AdminSite> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const database = options.database ? `bandeau_test_site${process.pid}_${port}` : undefined;
    const php = spawn('php', ['-S', `127.0.0.1:${port}`, path.join(ROOT, script)], {
      env: { ...process.env, ...options.env, ...(database ? { BANDEAU_SITE_DB: database } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { log: '' };
    php.stdout!.on('data', (d: Buffer) => (output.log += d.toString()));
    php.stderr!.on('data', (d: Buffer) => (output.log += d.toString()));
    for (let i = 0; ; i++) {
      try {
        await fetch(`${url}/static/requirejs/require.js`);
        break;
      } catch (e) {
        if (i > 100) throw new Error(`php -S did not start: ${String(e)}\n${output.log}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return new AdminSite(url, php, output, database);
  }

  /** What the PHP server printed (its request log and errors), for failure messages. */
  get log(): string {
    return this.output.log;
  }

  /** A test-only route /_test/<route> (POST); its JSON answer. */
  async testRoute(route: string): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.url}/_test/${route}`, { method: 'POST' });
    const text = await res.text();
    if (!res.ok) throw new Error(`${route}: HTTP ${res.status} ${text}\n${this.log}`);
    return JSON.parse(text) as Record<string, unknown>;
  }

  /** The full URL of an admin action with its secret key. */
  adminUrl(route: string, params: Record<string, string | number> = {}, query = ''): string {
    return `${this.url}${adminPath(route, params)}${query ? `?${query}` : ''}`;
  }

  /** An admin tab with a session; collects what a real admin would show in the console. */
  async adminTab(browser: Browser, options: AdminTabOptions = {}): Promise<AdminTab> {
    const context = await browser.newContext(options.viewport ? { viewport: options.viewport } : {});
    await context.addCookies([{ name: 'admin_session', value: 'ok', url: this.url }]);
    const page = await context.newPage();
    const allowed = options.allowStatus ?? [];
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // Chromium logs every 4xx; the ones the test provokes are not problems.
      if (m.type() === 'error' && !allowed.some((s) => m.text().includes(`status of ${s}`))) problems.push(`console: ${m.text()}`);
    });
    page.on('request', (r) => requests.push(r.url()));
    page.on('response', (r) => {
      if (r.status() >= 400 && !allowed.includes(r.status())) problems.push(`HTTP ${r.status()} ${r.url()}`);
    });
    return { context, page, problems, requests };
  }

  /**
   * Rows of a query on the site's database (mariadb client, batch mode): each row its columns as
   * text, NULL as null. For tests that check a page against the database.
   */
  async sql(query: string): Promise<(string | null)[][]> {
    if (!this.database) throw new Error('this site has no database');
    const dsn = new URL(process.env.BANDEAU_TEST_DSN || 'mysql://bandeau:bandeau@127.0.0.1:23306/bandeau_test');
    const args = ['--batch', '--skip-column-names', '--raw', '-h', dsn.hostname, '-P', dsn.port || '3306',
      '-u', decodeURIComponent(dsn.username), this.database, '-e', query];
    const out = await new Promise<string>((resolve, reject) => {
      execFile('mariadb', args, { env: { ...process.env, MYSQL_PWD: decodeURIComponent(dsn.password) }, maxBuffer: 64 << 20 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}\n${query}`)) : resolve(stdout)));
    });
    return out.split('\n').filter((line) => line !== '').map((line) => line.split('\t').map((v) => (v === 'NULL' ? null : v)));
  }

  /** Drops the site's database (when it has one) and stops the server. */
  async stop(): Promise<void> {
    if (this.database) await this.testRoute('drop').catch(() => undefined);
    this.php.kill('SIGTERM');
  }
}
