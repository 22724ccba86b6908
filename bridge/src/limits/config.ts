import { z } from 'zod';
import { IpAllowList } from '../routing/config';

/** A token bucket: `burst` tokens at most, refilled evenly so that `burst` come back every `intervalS`. */
function bucket(burst: number, intervalS: number) {
  return z
    .object({
      burst: z.number().int().positive().default(burst),
      intervalS: z.number().positive().max(86400).default(intervalS),
    })
    .strict()
    .prefault({});
}

/**
 * Abuse limits on the agents' port (README, "Abuse limits"). The defaults are far above what a
 * busy human agent does (a dial every few seconds, a handful of clicks a second) and far below
 * what a script does (hundreds of dials a second).
 */
export const LimitsConfig = z
  .object({
    /** Off only for measurements (the limits benchmark) or a trusted load test. */
    enabled: z.boolean().default(true),
    /** Every command of one agent (all of its sockets together). */
    commands: bucket(30, 1),
    /** Commands that make the PBX place a call (dial, transfers): an Originate each. */
    dials: bucket(10, 10),
    /** Messages that fail validation; past the bucket the socket is disconnected. */
    invalid: bucket(20, 60),
    /** socket.io connections from one IP address that have not authenticated yet. */
    unauthenticatedPerIp: z.number().int().positive().default(20),
    /**
     * Load balancers in front of the bridge (addresses, subnets). A connection from one of them is
     * counted under the client address its X-Forwarded-For names, not the balancer's, so a
     * failover's burst of agents through one balancer is not refused by the cap above.
     */
    trustedProxies: IpAllowList.default([]),
    /** A connection that has not authenticated (joined with a valid token) by then is closed. */
    authTimeoutS: z.number().positive().max(300).default(10),
    /** Rejected input is logged for the first `logFirst` times per agent (or IP), then once per `logEveryS` with a count. */
    logFirst: z.number().int().min(0).default(5),
    logEveryS: z.number().positive().default(60),
  })
  .strict();
export type LimitsConfig = z.infer<typeof LimitsConfig>;
export type BucketConfig = LimitsConfig['commands'];
