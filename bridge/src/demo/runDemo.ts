import { randomBytes } from 'node:crypto';
import { BridgeConfig, DEFAULT_BRIDGE_PORT } from '../config';
import type { Logger } from '../logger';
import { startRuntime, type BridgeRuntime } from '../runtime';
import { AmiTestPeer } from '../testpeer';
import { demoDirectory, type DemoDirectory } from './directory';
import { DemoSite } from './demoSite';

export const DEFAULT_DEMO_PORT = 8787;

export interface DemoOptions {
  host: string;
  port: number;
  bridgePort: number;
  tokenTtlS: number;
  logger: Logger;
  /** Records added to the demo directory (customers, orders). */
  extraDirectory?: Partial<DemoDirectory>;
  /** Recorded Asterisk streams for the Demo PBX panel's recorded flows (default `<repo>/../shared/asterisk/captures`). */
  capturesDir?: string;
}

export interface RunningDemo {
  site: DemoSite;
  bridge: BridgeRuntime;
  peer: AmiTestPeer;
  /** Why the recorded flows are hidden from the Demo PBX panel, or null when they are offered. */
  recordedFlowsProblem: string | null;
  siteUrl: string;
  bridgeUrl: string;
  stop(): Promise<void>;
}

/** Starts the bridge on embedded defaults and the Magento-shaped demo pages beside it. */
export async function runDemo(o: DemoOptions): Promise<RunningDemo> {
  const secret = randomBytes(32).toString('hex');
  let bridgeUrl = '';
  // The stand-in PBX: an AMI peer on loopback, with its own random credentials.
  const amiSecret = randomBytes(12).toString('hex');
  const peer = new AmiTestPeer({ username: 'bandeau-demo', secret: amiSecret, ...(o.capturesDir ? { capturesDir: o.capturesDir } : {}) });
  const amiPort = await peer.start();
  const recordedFlowsProblem = peer.recorded.unavailable();
  if (recordedFlowsProblem) o.logger.warn(`recorded Asterisk call flows hidden from the Demo PBX panel: ${recordedFlowsProblem}`);
  const directory = demoDirectory(o.extraDirectory);
  const site = new DemoSite({ host: o.host, port: o.port, bridgeUrl: () => bridgeUrl, secret, tokenTtlS: o.tokenTtlS, logger: o.logger.child({ part: 'demo-site' }), directory, peer });
  const siteUrl = await site.start();
  const config = BridgeConfig.parse({
    listen: { host: o.host, port: o.bridgePort },
    secret,
    allowedOrigins: [siteUrl],
    log: { level: o.logger.level },
    ami: { host: '127.0.0.1', port: amiPort, username: 'bandeau-demo', secret: amiSecret, authType: 'md5' },
    callControl: { defaultRegion: 'FR' },
  });
  const bridge = await startRuntime(config, o.logger);
  bridgeUrl = `http://${o.host}:${bridge.port}`;
  return {
    site,
    bridge,
    peer,
    recordedFlowsProblem,
    siteUrl,
    bridgeUrl,
    async stop() {
      await bridge.stop();
      await site.stop();
      await peer.stop();
    },
  };
}

export { DEFAULT_BRIDGE_PORT };
