import type { createClient } from 'redis';
import type { AgentState, AgentStateStore, TokenMarks } from './agentStateStore';

type RedisClient = ReturnType<typeof createClient>;

/** Sets a hash field to ARGV[2] unless it already holds more; returns both marks. Atomic, so two instances never lower a mark. */
const RAISE = `
local cur = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local v = tonumber(ARGV[2])
if v > cur then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
if tonumber(ARGV[3]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return redis.call('HMGET', KEYS[1], 'highest', 'floor')
`;

/**
 * Agent session state in Redis, shared by bridge instances: one JSON value per agent
 * (`<prefix>agent:<userId>`) and one hash of token marks (`<prefix>tokens:<userId>`).
 * A state whose agent has left expires after the grace period, as SessionStore.sweep() drops it.
 * Token marks live as long as a token may (maxLifetimeS), renewed on every change.
 */
export class RedisAgentStateStore implements AgentStateStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly graceMs: number,
    private readonly tokenTtlMs = 86_400_000,
  ) {}

  private agentKey(userId: number): string {
    return `${this.prefix}agent:${userId}`;
  }

  private tokenKey(userId: number): string {
    return `${this.prefix}tokens:${userId}`;
  }

  async load(userId: number): Promise<AgentState | null> {
    const json = await this.client.get(this.agentKey(userId));
    return json === null ? null : (JSON.parse(json) as AgentState);
  }

  async save(state: AgentState): Promise<void> {
    const key = this.agentKey(state.identity.userId);
    const json = JSON.stringify(state);
    // Connected: kept; left: dropped once the grace period is over (at least 1 ms for Redis).
    if (state.leftAt === null) await this.client.set(key, json);
    else await this.client.set(key, json, { PX: Math.max(1, state.leftAt + this.graceMs - Date.now()) });
  }

  async remove(userId: number): Promise<void> {
    await this.client.del([this.agentKey(userId), this.tokenKey(userId)]);
  }

  async tokens(userId: number): Promise<TokenMarks> {
    const [highest, floor] = await this.client.hmGet(this.tokenKey(userId), ['highest', 'floor']);
    return marks([highest ?? null, floor ?? null]);
  }

  noteToken(userId: number, tokenId: number): Promise<TokenMarks> {
    return this.raise(userId, 'highest', tokenId);
  }

  revokeTokens(userId: number, notBefore: number): Promise<TokenMarks> {
    return this.raise(userId, 'floor', notBefore);
  }

  private async raise(userId: number, field: 'highest' | 'floor', value: number): Promise<TokenMarks> {
    const reply = await this.client.eval(RAISE, { keys: [this.tokenKey(userId)], arguments: [field, String(value), String(this.tokenTtlMs)] });
    return marks(reply as Array<string | null>);
  }
}

function marks([highest, floor]: Array<string | null>): TokenMarks {
  return { highest: Number(highest ?? 0), floor: Number(floor ?? 0) };
}
