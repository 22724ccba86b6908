import { randomBytes } from 'node:crypto';
import { BridgeConfig, DEFAULT_BRIDGE_PORT } from '../config';
import type { Logger } from '../logger';
import { BridgeServer } from '../server';
import { DemoSite } from './demoSite';

export const DEFAULT_DEMO_PORT = 8787;

export interface DemoOptions {
  host: string;
  port: number;
  bridgePort: number;
  tokenTtlS: number;
  logger: Logger;
}

export interface RunningDemo {
  site: DemoSite;
  bridge: BridgeServer;
  siteUrl: string;
  bridgeUrl: string;
  stop(): Promise<void>;
}

/** Starts the bridge on embedded defaults and the Magento-shaped demo pages beside it. */
export async function runDemo(o: DemoOptions): Promise<RunningDemo> {
  const secret = randomBytes(32).toString('hex');
  let bridgeUrl = '';
  const site = new DemoSite({ host: o.host, port: o.port, bridgeUrl: () => bridgeUrl, secret, tokenTtlS: o.tokenTtlS, logger: o.logger.child({ part: 'demo-site' }) });
  const siteUrl = await site.start();
  const config = BridgeConfig.parse({
    listen: { host: o.host, port: o.bridgePort },
    secret,
    allowedOrigins: [siteUrl],
    log: { level: o.logger.level },
  });
  const bridge = new BridgeServer({ config, logger: o.logger });
  const bridgePort = await bridge.start();
  bridgeUrl = `http://${o.host}:${bridgePort}`;
  return {
    site,
    bridge,
    siteUrl,
    bridgeUrl,
    async stop() {
      await bridge.stop();
      await site.stop();
    },
  };
}

export { DEFAULT_BRIDGE_PORT };
