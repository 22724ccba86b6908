import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BridgeConfig, DEFAULT_BRIDGE_PORT } from '../config';
import { GENERIC_PATH } from '../pbx/webhook/generic';
import type { Logger } from '../logger';
import { startRuntime, type BridgeRuntime } from '../runtime';
import { AmiTestPeer } from '../testpeer';
import { DEMO_AGENTS, demoDirectory, type DemoDirectory } from './directory';
import { DemoSite } from './demoSite';
import { DemoCallLog } from './demoCallLog';

export const DEFAULT_DEMO_PORT = 8787;

/** The demo's /phone/ paths answer without device credentials (demo only; loopback networks still apply). */
const DEMO_RUNTIME = { openPhones: true } as const;

export interface DemoOptions {
  host: string;
  port: number;
  bridgePort: number;
  /** Port of the call routing (FastAGI) server; 0 or absent: any free port (`npm run demo` uses 4573). */
  routingPort?: number;
  tokenTtlS: number;
  logger: Logger;
  /** Records added to the demo directory (customers, orders). */
  extraDirectory?: Partial<DemoDirectory>;
  /** Recorded Asterisk streams for the Demo PBX panel's recorded flows (default `<repo>/../shared/asterisk/captures`). */
  capturesDir?: string;
  /** The PBX driver: `ami` (the Demo PBX, an AMI stand-in) or `webhook` (the generic JSON webhook, driven with curl). */
  pbx?: 'ami' | 'webhook';
}

export interface RunningDemo {
  site: DemoSite;
  bridge: BridgeRuntime;
  /** Magento's call log as the demo site keeps it: the bridge delivers every ended call there. */
  callLog: DemoCallLog;
  peer: AmiTestPeer;
  /** Why the recorded flows are hidden from the Demo PBX panel, or null when they are offered. */
  recordedFlowsProblem: string | null;
  siteUrl: string;
  bridgeUrl: string;
  /** The bridge's admin listener (health, metrics), or null when off. */
  adminUrl: string | null;
  /** The routing server as a dialplan names it (`agi://127.0.0.1:4573/route`). */
  routingUrl: string | null;
  /** With `--pbx webhook`: where the generic webhook listens and its shared token; null with the AMI Demo PBX. */
  webhook: { url: string; token: string } | null;
  stop(): Promise<void>;
}

/** Starts the bridge on embedded defaults and the Magento-shaped demo pages beside it. */
export async function runDemo(o: DemoOptions): Promise<RunningDemo> {
  const secret = randomBytes(32).toString('hex');
  const webhookToken = randomBytes(24).toString('hex');
  let bridgeUrl = '';
  // The stand-in PBX: an AMI peer on loopback, with its own random credentials.
  const amiSecret = randomBytes(12).toString('hex');
  const peer = new AmiTestPeer({ username: 'bandeau-demo', secret: amiSecret, ...(o.capturesDir ? { capturesDir: o.capturesDir } : {}) });
  const amiPort = await peer.start();
  const recordedFlowsProblem = peer.recorded.unavailable();
  if (recordedFlowsProblem) o.logger.warn(`recorded Asterisk call flows hidden from the Demo PBX panel: ${recordedFlowsProblem}`);
  const directory = demoDirectory(o.extraDirectory);
  // The bridge's call-log outbox delivers to the demo site over REST, as to Magento; the
  // outbox file lives in a folder of this run's own.
  const callLog = new DemoCallLog(directory, randomBytes(16).toString('hex'));
  const outboxDir = mkdtempSync(path.join(tmpdir(), 'bandeau-demo-outbox-'));
  // Stop/start of the bridge under the running pages (demoBridgeControl.ts); set once it runs.
  let bridge: BridgeRuntime | null = null;
  let config: BridgeConfig;
  const bridgeControl = {
    running: () => bridge !== null,
    async stop() {
      const b = bridge;
      bridge = null;
      await b?.stop();
    },
    async start({ rotateSecret }: { rotateSecret: boolean }) {
      if (bridge) return;
      if (rotateSecret) {
        config = { ...config, secret: randomBytes(32).toString('hex') };
        site.secret = config.secret;
      }
      bridge = await startRuntime(config, o.logger, DEMO_RUNTIME);
    },
  };
  // The Demo PBX's inbound calls ask the routing server first, wherever it listens now.
  const routing = () => (bridge?.routingPort ? { host: o.host, port: bridge.routingPort } : null);
  const webhookUrl = () => `${bridgeUrl}${GENERIC_PATH}`;
  // With the webhook driver the bridge never hears the AMI peer: the pages offer no Demo PBX then.
  const pbx = o.pbx === 'webhook' ? { webhookUrl } : { peer };
  const site = new DemoSite({ host: o.host, port: o.port, bridgeUrl: () => bridgeUrl, secret, tokenTtlS: o.tokenTtlS, logger: o.logger.child({ part: 'demo-site' }), directory, ...pbx, callLog, bridgeControl, routing });
  const siteUrl = await site.start();
  config = BridgeConfig.parse({
    listen: { host: o.host, port: o.bridgePort },
    secret,
    allowedOrigins: [siteUrl],
    // Requests for another Host are refused; with port 0 (tests) the listen address stands in.
    ...(o.bridgePort !== 0 ? { publicUrl: `http://${o.host}:${o.bridgePort}` } : {}),
    log: { level: o.logger.level },
    // The Demo PBX over AMI, or the generic webhook: the demo agents by name or extension, numbers in E.164.
    ...(o.pbx === 'webhook'
      ? { pbx: { driver: 'generic', token: webhookToken, agents: { field: 'user', map: Object.fromEntries(DEMO_AGENTS.flatMap((a) => [[a.name, a.extension], [a.extension, a.extension]])) } } }
      : { ami: { host: '127.0.0.1', port: amiPort, username: 'bandeau-demo', secret: amiSecret, authType: 'md5' } }),
    callControl: { defaultRegion: 'FR' },
    callLog: { path: path.join(outboxDir, 'outbox.sqlite'), sync: 'normal', rest: { url: `${siteUrl}/rest`, token: callLog.token }, retry: { minDelayMs: 200, maxDelayMs: 5_000 }, pollIntervalMs: 250 },
    // Call routing with the shipped rules over the demo directory: facts and rules come from the
    // demo site's REST stand-in (demoRouting.ts) through callLog.rest, as from Magento.
    routing: { listen: { host: o.host, port: o.routingPort ?? 0 } },
    // Desk phones (issue 17): the phone book pulled from the demo site's REST stand-in (demoPhonebook.ts).
    phones: {},
  });
  const first = await startRuntime(config, o.logger, DEMO_RUNTIME);
  bridge = first;
  bridgeUrl = `http://${o.host}:${first.port}`;
  // A restart comes back on the same ports, as a restarted service would.
  config = {
    ...config,
    listen: { ...config.listen, port: first.port },
    admin: { ...config.admin, port: first.adminPort ?? 0 },
    ...(config.routing ? { routing: { ...config.routing, listen: { ...config.routing.listen, port: first.routingPort ?? 0 } } } : {}),
  };
  const adminUrl = first.adminPort === null ? null : `http://${config.admin.host}:${first.adminPort}`;
  return {
    site,
    get bridge() {
      return bridge ?? first;
    },
    callLog,
    peer,
    recordedFlowsProblem,
    siteUrl,
    bridgeUrl,
    adminUrl,
    routingUrl: first.routingPort === null ? null : `agi://${o.host}:${first.routingPort}/route`,
    webhook: o.pbx === 'webhook' ? { url: webhookUrl(), token: webhookToken } : null,
    async stop() {
      await bridgeControl.stop();
      await site.stop();
      await peer.stop();
      rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}

export { DEFAULT_BRIDGE_PORT };
