/**
 * Simulated agents for the cluster benchmark: one socket.io client each, connected the way the
 * phone bar's worker connects (frontend-ts/src/session/sessionHub.ts: websocket transport, the
 * agent token in `auth`, the admin's Origin), with the worker's failover over a list of bridge
 * URLs (bridgeRotation.ts): a bridge gone without a word (SIGKILL) -> the next URL at once, same
 * token. Every message is timestamped on arrival (performance.now(), the clock the AMI peer's
 * writes are timed with).
 */
import { io, type Socket } from 'socket.io-client';
import { CLIENT_FEATURES } from '../../../bridge/src/protocol/clientFeatures';
import { Decoder, Encoder, PacketType } from 'socket.io-parser';
import { mintAgentToken } from '../../../bridge/src/auth/mintToken';
import { SERVER_EVENT, type ServerMessage } from '../../../bridge/src/protocol/messages';
import { BridgeRotation } from '../../../frontend-ts/src/session/bridgeRotation';

/**
 * socket.io's decoder, except that colleague lists are counted, not parsed: each agent's browser
 * parses its own, but here one process holds every agent, and parsing 2,000 lists of up to 500
 * colleagues on every change would make this process, not the bridge, the bottleneck.
 */
class AgentDecoder extends Decoder {
  override add(obj: unknown): void {
    if (typeof obj === 'string' && obj.length > 1024 && obj.startsWith('2[') && obj.includes('{"type":"colleagues"')) {
      this.emitReserved('decoded', { type: PacketType.EVENT, nsp: '/', data: [SERVER_EVENT, { type: 'colleagues', colleagues: [] }] });
      return;
    }
    super.add(obj);
  }
}
const parser = { Encoder, Decoder: AgentDecoder };

export interface Agent {
  userId: number;
  extension: string;
  token: string;
  /** The worker's rotation over the bridge URLs: the one in use, where to go next and how soon. */
  rotation: BridgeRotation;
  socket: Socket | null;
  /** When the last snapshot arrived, and from which bridge. */
  snapshotAt: number;
  snapshotFrom: string;
  /** Call ids in the last snapshot. */
  snapshotCalls: string[];
  /** Call id -> when a call.update first showed this agent's phone ringing. */
  ringingAt: Map<string, number>;
  /** Every call.update received, as JSON: the same one twice is a duplicate. */
  updates: Set<string>;
  duplicates: number;
  connectErrors: number;
}

export class AgentPool {
  readonly agents: Agent[] = [];
  /** Messages received by type, over every agent. */
  readonly byType = new Map<string, number>();
  /** Connection failures by message (a refusal's code, or why the bridge was unreachable). */
  readonly errors = new Map<string, number>();
  private waiters: Array<() => void> = [];
  private closing = false;

  constructor(private readonly origin: string) {}

  /** Mints one token per agent (unique user id and extension) as Magento does. */
  static async tokens(secret: string, count: number, firstUserId: number, firstExtension: number): Promise<Array<{ userId: number; extension: string; token: string }>> {
    const out = [];
    for (let i = 0; i < count; i++) {
      const userId = firstUserId + i;
      const extension = String(firstExtension + i);
      const { token } = await mintAgentToken({ secret, userId, name: `Agent ${String(i).padStart(4, '0')}`, extension, permissions: ['phone_bar', 'dial'], ttlS: 3600 });
      out.push({ userId, extension, token });
    }
    return out;
  }

  add(identity: { userId: number; extension: string; token: string }, urls: string[]): Agent {
    const agent: Agent = { ...identity, rotation: new BridgeRotation(urls), socket: null, snapshotAt: 0, snapshotFrom: '', snapshotCalls: [], ringingAt: new Map(), updates: new Set(), duplicates: 0, connectErrors: 0 };
    this.agents.push(agent);
    return agent;
  }

  connect(agent: Agent): void {
    if (this.closing) return;
    const url = agent.rotation.current();
    const socket = io(url, { transports: ['websocket'], auth: { token: agent.token, features: [...CLIENT_FEATURES] }, extraHeaders: { origin: this.origin }, reconnection: false, forceNew: true, parser });
    agent.socket = socket;
    socket.on(SERVER_EVENT, (msg: ServerMessage) => this.onMessage(agent, url, msg));
    socket.on('connect', () => agent.rotation.connected());
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      agent.connectErrors++;
      const why = err.data?.code ?? err.message;
      this.errors.set(why, (this.errors.get(why) ?? 0) + 1);
      this.failOver(agent);
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') this.failOver(agent);
    });
  }

  /** Resolves when `done()` holds, checked on each snapshot; rejects after `timeoutMs`. */
  until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`${what}: not done after ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (!done()) return;
        clearTimeout(t);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  close(): void {
    this.closing = true;
    for (const a of this.agents) a.socket?.disconnect();
  }

  /**
   * As the worker does (sessionHub.ts): the bridge is gone or unreachable, so the next one of the
   * list, at once while some bridge was not tried since the last connection, then with a growing
   * pause (1 s, 2 s, 4 s… per full round; with one bridge, socket.io's own backoff is close to it).
   */
  private failOver(agent: Agent): void {
    agent.socket?.removeAllListeners();
    agent.socket?.close();
    agent.socket = null;
    if (this.closing) return;
    const { delayMs } = agent.rotation.failOver();
    setTimeout(() => this.connect(agent), delayMs);
  }

  private onMessage(agent: Agent, url: string, msg: ServerMessage): void {
    const now = performance.now();
    this.byType.set(msg.type, (this.byType.get(msg.type) ?? 0) + 1);
    if (msg.type === 'snapshot') {
      agent.snapshotAt = now;
      agent.snapshotFrom = url;
      agent.snapshotCalls = msg.calls.map((c) => c.id);
      for (const w of [...this.waiters]) w();
      return;
    }
    if (msg.type !== 'call.update') return;
    const key = JSON.stringify(msg.call);
    if (agent.updates.has(key)) agent.duplicates++;
    else agent.updates.add(key);
    const call = msg.call;
    if (call.state === 'ringing' && call.rung.includes(agent.extension) && !agent.ringingAt.has(call.id)) {
      agent.ringingAt.set(call.id, now);
      for (const w of [...this.waiters]) w();
    }
  }
}
