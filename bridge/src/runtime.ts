import type { BridgeConfig } from './config';
import type { Logger } from './logger';
import { BridgeServer } from './server';

/** A running bridge: the socket.io/HTTP front plus whatever links the config turns on. */
export interface BridgeRuntime {
  server: BridgeServer;
  port: number;
  stop(): Promise<void>;
}

/**
 * Assembles the bridge from its config: HTTP/socket.io front, the PBX link (AMI, call model,
 * call control) and the call-log outbox. Each part stops in reverse order.
 */
export async function startRuntime(config: BridgeConfig, logger: Logger): Promise<BridgeRuntime> {
  const stops: Array<() => Promise<void> | void> = [];
  const server = new BridgeServer({ config, logger });

  // ---- PBX link (AMI client, call model, call control): wired by the lead.

  // ---- call log outbox: wired here (issue 6).

  const port = await server.start();
  stops.push(() => server.stop());
  return {
    server,
    port,
    async stop() {
      for (const s of stops.reverse()) await s();
    },
  };
}
