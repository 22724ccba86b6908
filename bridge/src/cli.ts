import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { DemoDirectory } from './demo/directory';
import * as zm from 'zod/mini';
import { ConfigError, loadConfig } from './config';
import { createLogger, type Logger } from './logger';
import { startRuntime } from './runtime';
import { DEFAULT_BRIDGE_PORT, DEFAULT_DEMO_PORT, runDemo } from './demo/runDemo';
import { DEFAULT_ROUTING_PORT } from './routing/config';
import { demoBanner } from './demo/banner';
import { registerReplayCommand } from './commands/replay';
import { registerPhoneCommand } from './commands/phone';
import { registerOutboxCommand } from './commands/outbox';

// Plain-English validation messages for the wire protocol (zod/mini ships none by default).
zm.config(zm.locales.en());

function port(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return Number(value);
}

/** Stops cleanly on SIGTERM/SIGINT: agents are told, sockets closed, then the process exits. */
function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took more than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

/** Extra demo records from a JSON file; the demo trusts its operator but still checks the shape. */
function readDirectory(file: string): Partial<DemoDirectory> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoDirectory>;
  if (!Array.isArray(raw.customers ?? []) || !Array.isArray(raw.orders ?? [])) throw new Error(`${file}: expected {"customers": [...], "orders": [...]}`);
  return raw;
}

export function buildProgram(): Command {
  const program = new Command('bandeau-bridge')
    .description('Bandeau bridge: links the Magento admin phone bar to your IPBX (Asterisk AMI).')
    .showHelpAfterError();

  program
    .command('start', { isDefault: true })
    .description('run the bridge (config file plus BANDEAU_* environment variables)')
    .option('-c, --config <file>', 'JSON config file (env: BANDEAU_CONFIG)')
    .action(async (opts: { config?: string }) => {
      const file = opts.config ?? process.env.BANDEAU_CONFIG;
      let config;
      try {
        config = loadConfig(file);
      } catch (err) {
        if (err instanceof ConfigError) {
          console.error(`bandeau-bridge: ${err.message}`);
          process.exitCode = 78; // EX_CONFIG
          return;
        }
        throw err;
      }
      const logger = createLogger(config.log.level);
      const runtime = await startRuntime(config, logger);
      onShutdown(logger, () => runtime.stop());
    });

  program
    .command('demo')
    .description('run a self-contained demo: the bridge plus Magento-shaped admin pages loading the real bundle')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port of the demo pages (env BANDEAU_DEMO_PORT)', port)
    .option('--bridge-port <port>', 'port of the bridge (env BANDEAU_LISTEN_PORT)', port)
    .option('--routing-port <port>', 'port of the call routing (FastAGI) server, 0 for any free one (env BANDEAU_ROUTING_PORT; default 4573)', port)
    .option('--token-ttl <seconds>', 'lifetime of the demo agent tokens', port, 900)
    .option('--directory <file>', 'JSON file of extra demo customers and orders ({"customers": [...], "orders": [...]})')
    .option('--captures <dir>', 'recorded Asterisk streams for the recorded call flows (env BANDEAU_ASTERISK_CAPTURES; default <repo>/../shared/asterisk/captures)')
    .addOption(new Option('--pbx <driver>', 'the PBX driver: ami (the Demo PBX) or webhook (the generic JSON webhook, driven with curl)').choices(['ami', 'webhook']).default('ami'))
    .action(async (opts: { host: string; port?: number; bridgePort?: number; routingPort?: number; tokenTtl: number; directory?: string; captures?: string; pbx: 'ami' | 'webhook' }) => {
      const logger = createLogger(process.env.BANDEAU_LOG_LEVEL ?? 'warn');
      const envPort = (name: string) => (process.env[name] && /^\d+$/.test(process.env[name]!) ? Number(process.env[name]) : undefined);
      const demo = await runDemo({
        host: opts.host,
        port: opts.port ?? envPort('BANDEAU_DEMO_PORT') ?? DEFAULT_DEMO_PORT,
        bridgePort: opts.bridgePort ?? envPort('BANDEAU_LISTEN_PORT') ?? DEFAULT_BRIDGE_PORT,
        routingPort: opts.routingPort ?? envPort('BANDEAU_ROUTING_PORT') ?? DEFAULT_ROUTING_PORT,
        tokenTtlS: opts.tokenTtl,
        logger,
        ...(opts.directory ? { extraDirectory: readDirectory(opts.directory) } : {}),
        ...(opts.captures ? { capturesDir: opts.captures } : {}),
        pbx: opts.pbx,
      });
      // Timed from `npm run demo`'s start when it launched us (bridge/src/demo/launch.ts).
      const since = Number(process.env.BANDEAU_DEMO_STARTED_AT);
      const readyInMs = Number.isFinite(since) && since > 0 ? Date.now() - since : process.uptime() * 1000;
      process.stdout.write(demoBanner({ ...demo, capturesDir: demo.peer.recorded.capturesDir }, readyInMs));
      onShutdown(logger, () => demo.stop());
    });

  registerReplayCommand(program);
  registerPhoneCommand(program);
  registerOutboxCommand(program);
  return program;
}

export function main(argv: string[]): void {
  buildProgram()
    .parseAsync(argv)
    .catch((err: unknown) => {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EADDRINUSE') console.error(`bandeau-bridge: ${e.message}: another process uses that port (choose another with --port / --bridge-port or BANDEAU_LISTEN_PORT)`);
      else console.error(`bandeau-bridge: ${e.message ?? String(err)}`);
      process.exit(1);
    });
}
