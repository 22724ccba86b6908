import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CallLogConfig } from './outbox/config';
import { AmiConfig } from './ami/config';
import { CallControlConfig, CallModelConfig } from './calls/config';
import { PresenceConfig } from './agents/presence';
import { AdminConfig } from './http/adminListener';
import { DialPolicyConfig } from './phone/dialPolicy';
import { LimitsConfig } from './limits/config';
import { RoutingConfig } from './routing/config';
import { PbxConfig } from './pbx/config';
import { PhonesConfig } from './phones/config';
import { RedisConfig } from './cluster/config';

/** Ports of the embedded defaults; the demo pages sit one below the bridge. */
export const DEFAULT_BRIDGE_PORT = 8788;

const Origin = z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be an origin like https://admin.example.com (scheme, host, optional port; no path)');

export const BridgeConfig = z
  .object({
    listen: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(DEFAULT_BRIDGE_PORT),
      })
      .prefault({}),
    /** Health, metrics and Magento's token revocations: a second listener, loopback by default. */
    admin: AdminConfig.prefault({}),
    /** Shared with Magento (Stores > Configuration > Bandeau); signs the agent tokens. */
    secret: z.string().min(32, 'must be at least 32 characters (generate one with `openssl rand -hex 32`)'),
    /** Browser origins allowed to open a socket.io connection (the Magento admin's). */
    allowedOrigins: z.array(Origin).min(1, 'name at least one origin, the Magento admin URL'),
    /** The bridge's URL as agents' browsers reach it; requests for another Host are refused (derived when absent: http/origin.ts). */
    publicUrl: Origin.optional(),
    /** Accept socket.io clients that send no Origin (scripts); browsers always send one. */
    allowNonBrowserClients: z.boolean().default(false),
    /** Abuse limits: per-agent command buckets, invalid messages, unauthenticated connections. */
    limits: LimitsConfig.prefault({}),
    token: z
      .object({
        /** Tokens living longer than this are refused, whatever their exp says. */
        maxLifetimeS: z.number().int().positive().max(86400).default(3600),
        clockToleranceS: z.number().int().min(0).max(300).default(30),
      })
      .prefault({}),
    /** How long an agent's state is kept after its last socket left (a worker restarting in Firefox). */
    sessionGraceS: z.number().int().min(0).default(600),
    log: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') }).prefault({}),
    /** The PBX link; without it the bridge runs (sessions, tokens) but places no call. */
    ami: AmiConfig.optional(),
    /** A hosted PBX instead (webhook drivers, pbx/config.ts): its driver, token and field mapping. */
    pbx: PbxConfig.optional(),
    /** How channel events map to calls on this PBX. */
    calls: CallModelConfig.prefault({}),
    /** How agent commands become AMI actions (dial context, number format, hold method…). */
    callControl: CallControlConfig.prefault({}),
    /** Outside numbers agents may not dial or transfer to (E.164 prefixes); none by default. */
    dialPolicy: DialPolicyConfig.prefault({}),
    /** How an agent's status reaches the PBX (queue pause). */
    presence: PresenceConfig.prefault({}),
    /** Call-log outbox and its delivery to Magento (REST or RabbitMQ); off when absent. */
    callLog: CallLogConfig.optional(),
    /** Call routing: a FastAGI server deciding from Magento's data (issue 15); off when absent. */
    routing: RoutingConfig.optional(),
    /** Desk phones (issue 17): phone book, caller page and soft keys under /phone/ on the main port; off when absent. */
    phones: PhonesConfig.optional(),
    /** Several bridges sharing Redis (issue 18): socket.io events reach agents on every instance; off when absent. */
    redis: RedisConfig.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.ami && c.pbx) ctx.addIssue({ code: 'custom', path: ['pbx'], message: 'one PBX per bridge: configure either ami (Asterisk) or pbx (a hosted PBX), not both' });
    if (c.routing && !c.routing.magento && !c.callLog?.rest) {
      ctx.addIssue({ code: 'custom', path: ['routing', 'magento'], message: 'routing needs Magento: set routing.magento (url, token) or callLog.rest' });
    }
  });
export type BridgeConfig = z.infer<typeof BridgeConfig>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Environment variables that override the file, and where each lands. */
const ENV_MAP: Array<[string, string[], (v: string) => unknown]> = [
  ['BANDEAU_LISTEN_HOST', ['listen', 'host'], (v) => v],
  ['BANDEAU_LISTEN_PORT', ['listen', 'port'], (v) => (/^\d+$/.test(v) ? Number(v) : v)],
  ['BANDEAU_ADMIN_HOST', ['admin', 'host'], (v) => v],
  ['BANDEAU_ADMIN_PORT', ['admin', 'port'], (v) => (/^\d+$/.test(v) ? Number(v) : v)],
  ['BANDEAU_ADMIN_TOKEN', ['admin', 'token'], (v) => v],
  ['BANDEAU_SECRET', ['secret'], (v) => v],
  ['BANDEAU_ALLOWED_ORIGINS', ['allowedOrigins'], (v) => v.split(',').map((s) => s.trim()).filter(Boolean)],
  ['BANDEAU_PUBLIC_URL', ['publicUrl'], (v) => v],
  ['BANDEAU_LOG_LEVEL', ['log', 'level'], (v) => v],
  ['BANDEAU_AMI_HOST', ['ami', 'host'], (v) => v],
  ['BANDEAU_AMI_PORT', ['ami', 'port'], (v) => (/^\d+$/.test(v) ? Number(v) : v)],
  ['BANDEAU_AMI_USERNAME', ['ami', 'username'], (v) => v],
  ['BANDEAU_AMI_SECRET', ['ami', 'secret'], (v) => v],
  ['BANDEAU_DEFAULT_REGION', ['callControl', 'defaultRegion'], (v) => v],
  ['BANDEAU_MAGENTO_TOKEN', ['callLog', 'rest', 'token'], (v) => v],
  ['BANDEAU_AMQP_URL', ['callLog', 'amqp', 'url'], (v) => v],
  ['BANDEAU_ROUTING_HOST', ['routing', 'listen', 'host'], (v) => v],
  ['BANDEAU_ROUTING_PORT', ['routing', 'listen', 'port'], (v) => (/^\d+$/.test(v) ? Number(v) : v)],
  ['BANDEAU_REDIS_URL', ['redis', 'url'], (v) => v],
];

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

/**
 * Reads the JSON config file (optional), applies BANDEAU_* environment variables on top,
 * and validates the result. Every problem is reported at once, by path, in plain words.
 */
export function loadConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env, base: Record<string, unknown> = {}): BridgeConfig {
  let raw: Record<string, unknown> = structuredClone(base);
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
    }
    try {
      raw = { ...raw, ...(JSON.parse(text) as Record<string, unknown>) };
    } catch (err) {
      throw new ConfigError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
    }
  }
  for (const [name, path, convert] of ENV_MAP) {
    const v = env[name];
    if (v !== undefined && v !== '') setPath(raw, path, convert(v));
  }
  const r = BridgeConfig.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration${file ? ` (${file} + environment)` : ' (environment)'}:\n${lines.join('\n')}`);
  }
  return r.data;
}
