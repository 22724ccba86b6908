import { z } from 'zod';
import { allowList } from '../net/addressList';

/** The FastAGI port Asterisk's `AGI(agi://host/route)` uses when none is given. */
export const DEFAULT_ROUTING_PORT = 4573;

/** Addresses and subnets (`10.0.0.5`, `10.0.0.0/24`, `fd00::/8`): routing.allowFrom, phones.networks. */
export const IpAllowList = z
  .array(z.string().min(1))
  .max(256)
  .check(
    z.refine((entries) => {
      try {
        allowList(entries);
        return true;
      } catch {
        return false;
      }
    }, 'each entry must be an IP address or a subnet (10.0.0.5, 10.0.0.0/24, fd00::/8)'),
  );

/**
 * Call routing (issue 15): a FastAGI server the dialplan asks where a caller goes, deciding from
 * what Magento knows about the number. Off when the block is absent (tests never take 4573).
 */
export const RoutingConfig = z
  .object({
    listen: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(DEFAULT_ROUTING_PORT),
      })
      .strict()
      .prefault({}),
    /** The answer goes back by then, whatever Magento does (`default`, reason `timeout`). */
    deadlineMs: z.number().int().min(10).max(10_000).default(300),
    cache: z
      .object({
        /** How long a number's facts are used without asking Magento again (unknown numbers too). */
        ttlS: z.number().int().min(1).max(86_400).default(300),
        maxEntries: z.number().int().min(1).max(10_000_000).default(200_000),
        /** Facts requests to Magento at once; a miss beyond that answers at once (`timeout`) without asking. */
        maxInFlight: z.number().int().min(1).max(10_000).default(64),
      })
      .strict()
      .prefault({}),
    /** The rules are fetched again this often (and at once when Magento notifies a change). */
    rulesRefreshS: z.number().int().min(1).max(86_400).default(60),
    /** FastAGI sessions at once; more are closed at once. */
    maxSessions: z.number().int().min(1).max(100_000).default(1024),
    /** A FastAGI client silent this long is closed. */
    idleTimeoutMs: z.number().int().min(100).max(600_000).default(10_000),
    /**
     * Addresses and subnets the PBX connects from (`10.0.0.5`, `10.0.0.0/24`); anyone else is closed
     * at once. Unset: anyone who reaches `listen` (loopback by default). An answer names the customer
     * behind a number, so set it whenever `listen` is not loopback.
     */
    allowFrom: IpAllowList.optional(),
    /** Magento's REST API; `callLog.rest` (url, token) when absent. One of the two is required. */
    magento: z
      .object({
        /** Magento's REST base, e.g. https://shop.example/rest (as callLog.rest.url). */
        url: z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL'),
        /** Integration access token, sent as `Authorization: Bearer` (env BANDEAU_MAGENTO_TOKEN fills callLog.rest.token). */
        token: z.string().min(1),
        /** A facts or rules request is abandoned after this (it still fills the cache if it answers before). */
        timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
      })
      .strict()
      .optional(),
  })
  .strict();
export type RoutingConfig = z.infer<typeof RoutingConfig>;

/** Where routing reaches Magento: `routing.magento`, else the call log's REST target, else nowhere. */
export function routingMagento(routing: RoutingConfig, callLogRest: { url: string; token: string } | undefined): { url: string; token: string; timeoutMs: number } | null {
  if (routing.magento) return routing.magento;
  return callLogRest ? { url: callLogRest.url, token: callLogRest.token, timeoutMs: 5_000 } : null;
}
