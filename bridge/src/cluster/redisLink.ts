import { createClient } from 'redis';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from '../logger';
import type { RedisConfig } from './config';
import { RedisAgentStateStore } from './redisAgentStateStore';
import { within } from './within';
import { RedisPresenceStore } from './presenceStore';
import type { ClusterLink } from './clusterSessions';

export type RedisClient = ReturnType<typeof createClient>;

/** What a bridge gets from Redis: the socket.io adapter, the shared agent state and presence. */
export interface RedisLink extends ClusterLink {
  /** For `new Server(…, { adapter })`: room broadcasts reach sockets on every instance. */
  adapter: ReturnType<typeof createAdapter>;
  agentState: RedisAgentStateStore;
  presence: RedisPresenceStore;
  stop(): Promise<void>;
}

/**
 * Connects to Redis (one command client, one subscriber: the adapter needs a connection of its
 * own in subscriber mode). Fails fast when Redis cannot be reached at start, so a misconfigured
 * instance does not run alone unnoticed; later outages are logged and retried by the client.
 */
export async function connectRedis(config: RedisConfig, logger: Logger, graceMs: number, tokenTtlMs?: number): Promise<RedisLink> {
  let connected = false;
  // Retried without end once up; at start the first failure is final (see above).
  // (false, not the cause: the client checks `instanceof Error`, which fails across realms, as under jest)
  const reconnectStrategy = (retries: number): number | false => (connected ? Math.min(retries * 200, 5000) : false);
  const pub: RedisClient = createClient({ url: config.url, socket: { connectTimeout: 5000, reconnectStrategy } });
  const sub = pub.duplicate();
  let reported = false;
  const readyListeners: Array<() => void> = [];
  for (const c of [pub, sub]) {
    c.on('error', (err: Error) => {
      // The client retries on its own; one line per outage, not one per retry.
      if (!reported) logger.error({ err: err.message }, 'redis connection lost; retrying');
      reported = true;
    });
    c.on('ready', () => {
      if (reported) logger.info('redis connection back');
      reported = false;
      if (c === pub && connected) for (const l of readyListeners) l();
    });
  }
  try {
    await Promise.all([pub.connect(), sub.connect()]);
    connected = true;
  } catch (err) {
    for (const c of [pub, sub]) if (c.isOpen) c.destroy();
    throw new Error(`cannot reach Redis at ${redactUrl(config.url)}: ${(err as Error).message}`);
  }
  logger.info({ url: redactUrl(config.url) }, 'redis connected: socket.io events shared with other bridges');
  // The adapter publishes without waiting for the answer: during an outage each would be an
  // unhandled rejection, which ends the process. Redis errors are counted and logged by the cluster.
  // Likewise its unsubscribes when socket.io closes (not awaited): during an outage they wait in
  // the client's offline queue, and stop() rejects them.
  const adapterPub = catching(pub, ['publish'], 0);
  const adapterSub = catching(sub, ['unsubscribe', 'pUnsubscribe', 'sUnsubscribe']);
  return {
    adapter: createAdapter(adapterPub, adapterSub, { key: `${config.keyPrefix}socket.io` }),
    agentState: new RedisAgentStateStore(pub, config.keyPrefix, graceMs, tokenTtlMs),
    presence: new RedisPresenceStore(pub, config.keyPrefix),
    ready: () => pub.isReady,
    onReady: (listener) => void readyListeners.push(listener),
    async stop() {
      // Pending commands are given a moment; a Redis that is down would keep close() waiting for a
      // reconnection that never comes, and the bridge would never stop (SIGTERM during an outage).
      await Promise.allSettled(
        [pub, sub].map(async (c) => {
          if (!c.isOpen) return;
          if (!c.isReady) return c.destroy();
          await within(c.close(), 1000).catch(() => {
            if (c.isOpen) c.destroy();
          });
        }),
      );
    },
  };
}

/** The client, with the promises of these methods settling quietly, to `fallback` (fire-and-forget callers). */
function catching(client: RedisClient, methods: string[], fallback?: number): RedisClient {
  return new Proxy(client, {
    get(target, prop) {
      const v: unknown = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      const bound = (v as (...a: unknown[]) => unknown).bind(target);
      if (typeof prop !== 'string' || !methods.includes(prop)) return bound;
      return (...args: unknown[]) => {
        const r = bound(...args);
        return r instanceof Promise ? r.catch(() => fallback) : r;
      };
    },
  });
}

/** The URL without its password, for logs and errors. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
