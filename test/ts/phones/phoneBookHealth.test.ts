import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime, type BridgeRuntime } from '../../../bridge/src/runtime';
import { ORIGIN, TEST_SECRET } from '../helpers/bridgeHarness';
import { waitFor } from '../outbox/support/processes';
import { FakePhonebookMagento, MAGENTO_TOKEN } from './phoneFixtures';

/** The admin listener tells operators whether the desk phones' phone book is current. */
describe('phone book on /healthz and /metrics', () => {
  const magento = new FakePhonebookMagento();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-phonebook-health-'));
  let runtime: BridgeRuntime;
  let admin: string;

  beforeAll(async () => {
    const url = await magento.start();
    magento.customers = [{ customer_id: 12, name: 'Jeanne Dupont', group: 'General', phones: [{ e164: '+33142685300', kind: 'billing' }] }];
    magento.staff = [{ name: 'Sales desk', extension: '201' }];
    runtime = await startRuntime(
      BridgeConfig.parse({
        listen: { host: '127.0.0.1', port: 0 },
        secret: TEST_SECRET,
        allowedOrigins: [ORIGIN],
        callLog: { path: path.join(dir, 'outbox.sqlite'), rest: { url, token: MAGENTO_TOKEN } },
        phones: {},
      }),
      createLogger('silent'),
    );
    admin = `http://127.0.0.1:${runtime.adminPort}`;
  });
  afterAll(async () => {
    await runtime.stop();
    await magento.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const health = async () => ((await (await fetch(`${admin}/healthz`)).json()) as { phoneBook: { entries: number; lastPullAt: string | null; lastError: { at: string; message: string } | null } }).phoneBook;
  const metrics = async () => (await fetch(`${admin}/metrics`)).text();

  it('gives the entries, the last successful pull and the last error', async () => {
    const ok = await waitFor('the first pull', async () => ((await health()).lastPullAt ? health() : undefined));
    expect(ok).toMatchObject({ entries: 2, lastError: null });
    const text = await metrics();
    expect(text).toContain('bandeau_phonebook_entries 2');
    expect(text).toContain(`bandeau_phonebook_last_success_timestamp_seconds ${Date.parse(ok.lastPullAt!) / 1000}`);
    expect(text).toContain('bandeau_phonebook_last_pull_failed 0');

    magento.fail = 500;
    expect(await runtime.phones!.sync!.pull()).toBe(false);
    const failed = await health();
    expect(failed).toMatchObject({ entries: 2, lastPullAt: ok.lastPullAt });
    expect(failed.lastError!.message).toContain('HTTP 500');
    expect(await metrics()).toContain('bandeau_phonebook_last_pull_failed 1');
  });
});
