import { z } from 'zod';

/** How the bridge reaches the Asterisk Manager Interface. */
export const AmiConfig = z
  .object({
    host: z.string().min(1).max(255).default('127.0.0.1'),
    port: z.number().int().min(1).max(65535).default(5038),
    tls: z.boolean().default(false),
    /** Verify the server certificate when tls is on (turn off only for a self-signed lab PBX). */
    tlsRejectUnauthorized: z.boolean().default(true),
    /** PEM of the CA that signed the PBX certificate, when it is not a public one. */
    tlsCa: z.string().max(65536).optional(),
    username: z.string().min(1).max(128),
    secret: z.string().min(1).max(256),
    authType: z.enum(['plain', 'md5']).default('md5'),
    /** `Events:` sent at login ('on', 'off' or a class list such as 'call,agent'). */
    events: z.string().max(128).regex(/^[a-z,]+$/).default('on'),
    actionTimeoutMs: z.number().int().min(10).max(600_000).default(10_000),
    pingIntervalMs: z.number().int().min(100).max(3_600_000).default(20_000),
    reconnect: z
      .object({
        minMs: z.number().int().min(1).default(500),
        maxMs: z.number().int().min(1).default(30_000),
      })
      .default({ minMs: 500, maxMs: 30_000 }),
  })
  .refine((c) => c.reconnect.maxMs >= c.reconnect.minMs, { message: 'reconnect.maxMs must be >= reconnect.minMs', path: ['reconnect'] });

export type AmiConfig = z.infer<typeof AmiConfig>;
export type AmiConfigInput = z.input<typeof AmiConfig>;
