/**
 * The presence hashes in a real Redis (test/services/redis.sh, shared: this file's own key prefix,
 * dropped at the end): a heartbeat's pass reads the presence hash once, and forgetting a dead
 * instance works from that read.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { RedisPresenceStore, type PresenceEntry } from '../../../bridge/src/cluster/presenceStore';
import type { RedisClient } from '../../../bridge/src/cluster/redisLink';
import { dropRedisKeys, redisSh } from '../helpers/redis';

let url: string;
let client: RedisClient;
const prefix = `t${randomBytes(5).toString('hex')}:`;
/** Keys hGetAll was asked for, in order. */
const reads: string[] = [];

beforeAll(async () => {
  redisSh('start');
  url = redisSh('url');
  const raw = createClient({ url });
  await raw.connect();
  client = new Proxy(raw, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop !== 'hGetAll' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (key: string) => {
        reads.push(key);
        return value.call(target, key);
      };
    },
  });
});

afterAll(async () => {
  await dropRedisKeys(url, prefix);
  client.destroy();
});

const entry = (instance: string, userId: number): PresenceEntry => ({ userId, name: `Agent ${userId}`, extension: String(7000 + userId), status: 'available', online: true, instance, at: 1 });

test('a read, then forgetting a dead instance from it: the presence hash read once; all its fields go, unreadable ones too', async () => {
  const store = new RedisPresenceStore(client, prefix);
  await store.put([entry('dead', 1), entry('dead', 2), entry('alive', 3)]);
  await client.hSet(`${prefix}presence`, 'dead|4', 'not json');
  await store.beat('dead', 1);
  await store.beat('alive', 2);
  reads.length = 0;

  const snapshot = await store.read();
  expect(snapshot.entries.map((e) => e.userId).sort()).toEqual([1, 2, 3]);
  await store.forget('dead', snapshot);

  expect(reads.filter((k) => k === `${prefix}presence`)).toHaveLength(1);
  expect(Object.keys(await client.hGetAll(`${prefix}presence`))).toEqual(['alive|3']);
  expect(Object.keys(await client.hGetAll(`${prefix}instances`))).toEqual(['alive']);
});

test('forgetting without a read (this instance, Redis back) reads the hash itself', async () => {
  const store = new RedisPresenceStore(client, `${prefix}b:`);
  await store.put([entry('self', 1), entry('other', 2)]);
  await store.beat('self', 1);
  await store.forget('self');
  expect(Object.keys(await client.hGetAll(`${prefix}b:presence`))).toEqual(['other|2']);
  expect(await client.hExists(`${prefix}b:instances`, 'self')).toBe(0);
});
