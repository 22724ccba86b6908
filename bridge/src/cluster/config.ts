import { z } from 'zod';

/**
 * Several bridges sharing Redis (issue 18): socket.io's Redis adapter carries events to agents
 * connected to another instance. Absent: the bridge runs alone, all state in memory, as before.
 */
export const RedisConfig = z
  .object({
    /** redis://[user:password@]host[:port][/db], or rediss:// for TLS. */
    url: z
      .string()
      .refine((v) => URL.canParse(v) && /^rediss?:$/.test(new URL(v).protocol) && new URL(v).hostname !== '', {
        message: 'must be a Redis URL like redis://127.0.0.1:6379 or rediss://user:password@redis.example.com:6380/0',
      }),
    /** Prefix of every key and channel, so bridges of different shops can share one Redis. */
    keyPrefix: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'letters, digits, ":", "_" or "-", at most 64').default('bandeau:'),
  })
  .strict();
export type RedisConfig = z.infer<typeof RedisConfig>;
