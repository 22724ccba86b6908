/**
 * One FastAGI session, from the connection to the close: read the request, decide within the
 * deadline, set the variables one command at a time (each acknowledged before the next), close.
 *
 * Never blocks anything else: everything is event-driven, at most one command line is in flight
 * (so a peer that never reads holds at most one line of ours), what is read is bounded
 * (HEADER_LIMITS, ANSWER_MAX), and every phase that waits on the peer has a timer.
 */
import type { Socket } from 'node:net';
import type { Logger } from '../../logger';
import type { AgiRequest, RouteDecider, RouteDecision } from '../contract';
import { fallbackDecision } from '../contract';
import { checkedDecision, decisionVariables, setVariableLine, type BandeauVariable } from './commands';
import { LineOverflow, LineSplitter } from './lines';
import type { AgiMetrics, AgiOutcome } from './metrics';
import { AgiHeaderError, HEADER_LIMITS, HeaderBlock } from './request';
import type { SampledLog } from '../../limits/sampledLog';

/** Longest answer line read (Asterisk reads commands into 8 KiB; its answers are shorter). */
const ANSWER_MAX = 8 * 1024;
/** How long a closed session waits for the PBX's own close (it writes HANGUP, then closes). */
const LINGER_MS = 2000;

/** The one script served: `AGI(agi://host:port/route)`. */
export const ROUTE_SCRIPT = 'route';

/** An acknowledgement: `200 result=<int>` and, for some commands, ` (data)` or ` endpos=` after. */
const OK_ANSWER = /^200 result=-?\d+(?: .*)?$/;

export interface SessionDeps {
  decide: RouteDecider;
  deadlineMs: number;
  idleTimeoutMs: number;
  logger: Logger;
  metrics: AgiMetrics;
  /** Rate limit for the warnings hostile peers would otherwise flood the log with. */
  sampled: SampledLog;
  onDecision?: (request: AgiRequest, decision: RouteDecision) => void;
}

type Phase = 'headers' | 'deciding' | 'commands' | 'done';

export class AgiSession {
  private phase: Phase = 'headers';
  private readonly lines = new LineSplitter(HEADER_LIMITS.maxBytes);
  private readonly header = new HeaderBlock();
  private headerBytes = 0;
  /** The one idle timer of the session, re-armed (refresh) for each phase that waits on the peer. */
  private readonly idle: NodeJS.Timeout;
  private request: AgiRequest | undefined;
  private queue: Array<[BandeauVariable, string]> = [];
  private sent = 0;
  /** The decider was asked (once per session). */
  private asked = false;
  /** Resolves when the socket is closed (the server counts the session until then). */
  readonly closed: Promise<void>;

  constructor(
    private readonly socket: Socket,
    private readonly deps: SessionDeps,
  ) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // ECONNRESET and friends: the 'close' that follows ends the session.
      this.deps.logger.debug({ code: err.code }, 'routing: FastAGI socket error');
    });
    socket.once('close', () => {
      clearTimeout(this.idle);
      if (this.phase !== 'done') this.finish('client_closed');
    });
    // The whole header block must arrive within the idle timeout (a byte a second does not keep
    // a session alive); then each answer to a command.
    this.idle = setTimeout(() => this.onIdle(), this.deps.idleTimeoutMs);
  }

  private onIdle(): void {
    if (this.phase === 'headers') this.finish('idle_timeout', 'no complete FastAGI request within the idle timeout');
    else if (this.phase === 'commands') this.finish('idle_timeout', `no answer to SET VARIABLE ${this.queue[this.sent - 1]?.[0] ?? ''} within the idle timeout`);
    // 'deciding': the deadline bounds it; sendNext re-arms this timer.
  }

  /** Ends the session now (server stopping). */
  stop(): void {
    if (this.phase !== 'done') this.finish('server_stopped');
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.phase === 'done') return; // e.g. the HANGUP Asterisk writes after we closed
    let lines: string[];
    try {
      lines = this.lines.push(chunk);
    } catch (err) {
      if (!(err instanceof LineOverflow)) throw err;
      this.finish('malformed', this.phase === 'headers' ? `FastAGI request over ${HEADER_LIMITS.maxBytes} bytes without its end` : `answer ${err.message}`, true);
      return;
    }
    for (const line of lines) {
      if ((this.phase as Phase) === 'done') return;
      if (this.phase === 'headers') this.onHeaderLine(line);
      else this.onAnswerLine(line);
    }
    // After the lines that came with the request's end: anything the PBX sent before our first
    // command (a HANGUP, garbage) is read as such even when the decision is at hand.
    if (this.phase === 'deciding' && this.request && !this.asked) this.decide(this.request);
  }

  private onHeaderLine(line: string): void {
    this.headerBytes += Buffer.byteLength(line) + 1;
    try {
      if (this.headerBytes > HEADER_LIMITS.maxBytes) throw new AgiHeaderError(`FastAGI request over ${HEADER_LIMITS.maxBytes} bytes`);
      if (!this.header.add(line)) {
        this.lines.limit(HEADER_LIMITS.maxBytes - this.headerBytes);
        return;
      }
      this.request = this.header.request();
    } catch (err) {
      if (!(err instanceof AgiHeaderError)) throw err;
      this.finish('malformed', err.message, true);
      return;
    }
    this.lines.limit(ANSWER_MAX);
    this.phase = 'deciding';
  }

  private onAnswerLine(line: string): void {
    if (line === 'HANGUP') {
      // The channel hung up (Asterisk writes this to FastAGI peers unless AGISIGHUP=no): the
      // variables would be set on a dead channel, for nobody.
      this.finish('hangup', undefined);
      return;
    }
    if (this.phase === 'deciding') {
      this.finish('malformed', 'data from the PBX before any command', true);
      return;
    }
    if (!OK_ANSWER.test(line)) {
      // 510 (unknown command), 511 (dead channel), 520- usage block, or garbage: stop at once.
      const code = /^(\d{3})[ -]/.exec(line)?.[1] ?? 'not an AGI answer';
      this.finish('refused', `the PBX answered ${code} to SET VARIABLE ${this.queue[this.sent - 1]?.[0] ?? ''}`, true);
      return;
    }
    this.sendNext();
  }

  /**
   * Asks the decider. A decision it returns as a value (a warm cache) is answered at once; a
   * promise races the deadline. A decider that throws, or rejects, gets the fallback route.
   */
  private decide(request: AgiRequest): void {
    const { deps } = this;
    this.asked = true;
    const started = performance.now();
    let answer: RouteDecision | Promise<RouteDecision>;
    try {
      answer = request.script === ROUTE_SCRIPT ? deps.decide(request) : this.unknownScript(request);
    } catch (err) {
      answer = this.deciderFailed(request, err);
    }
    if (!(answer instanceof Promise)) {
      this.answer(request, answer, started);
      return;
    }
    let deadline: NodeJS.Timeout | undefined;
    const late = new Promise<RouteDecision>((resolve) => {
      deadline = setTimeout(() => resolve(fallbackDecision('timeout')), deps.deadlineMs);
    });
    const decided = answer.catch((err: unknown) => this.deciderFailed(request, err));
    void Promise.race([decided, late]).then((decision) => {
      clearTimeout(deadline);
      this.answer(request, decision, started);
    });
  }

  /** A typo in the dialplan's URL: still a valid answer, so the call goes on (to default). */
  private unknownScript(request: AgiRequest): RouteDecision {
    const s = this.deps.sampled.sample('unknown_script');
    if (s.log) this.deps.logger.warn({ script: request.script.slice(0, 64), uniqueId: request.uniqueId, suppressed: s.suppressed }, `routing: FastAGI request for an unknown script (only "${ROUTE_SCRIPT}" is served); answering the fallback route`);
    return fallbackDecision('error');
  }

  private deciderFailed(request: AgiRequest, err: unknown): RouteDecision {
    const s = this.deps.sampled.sample('decider_error');
    if (s.log) this.deps.logger.warn({ err: err instanceof Error ? err.message : String(err), uniqueId: request.uniqueId, suppressed: s.suppressed }, 'routing: the decider failed; answering the fallback route');
    return fallbackDecision('error');
  }

  /** Sends the decision, after the contract's checks (unless the session ended meanwhile). */
  private answer(request: AgiRequest, decided: RouteDecision, started: number): void {
    const { deps } = this;
    deps.metrics.decisionSeconds.observe((performance.now() - started) / 1000);
    if (this.phase !== 'deciding') return; // hung up or closed meanwhile
    const checked = checkedDecision(decided);
    if (checked.problem) {
      const s = deps.sampled.sample('invalid_decision');
      if (s.log) deps.logger.warn({ problem: checked.problem, uniqueId: request.uniqueId, suppressed: s.suppressed }, 'routing: decision corrected before sending');
    }
    const decision = checked.decision;
    deps.metrics.answers.inc({ reason: decision.reason });
    if (deps.onDecision) {
      try {
        deps.onDecision(request, decision);
      } catch (err) {
        deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'routing: onDecision hook failed');
      }
    }
    this.phase = 'commands';
    this.queue = decisionVariables(decision);
    this.sendNext();
  }

  /** Writes the next command and waits (bounded) for its answer; closes after the last one. */
  private sendNext(): void {
    if (this.sent >= this.queue.length) {
      this.finish('answered');
      return;
    }
    const [name, value] = this.queue[this.sent++]!;
    this.idle.refresh();
    // One line in flight at a time: a peer that does not read holds this line only, and the
    // timer above ends the session.
    this.socket.write(setVariableLine(name, value));
  }

  private finish(outcome: AgiOutcome, why?: string, warn = false): void {
    if (this.phase === 'done') return;
    const phase = this.phase;
    this.phase = 'done';
    clearTimeout(this.idle);
    this.deps.metrics.sessions.inc({ outcome });
    if (why !== undefined) {
      const s = warn || outcome === 'idle_timeout' ? this.deps.sampled.sample(outcome) : { log: false as const };
      if (s.log) this.deps.logger.warn({ outcome, phase, uniqueId: this.request?.uniqueId, remote: this.socket.remoteAddress, read: this.socket.bytesRead, suppressed: s.suppressed }, `routing: FastAGI session closed: ${why}`);
    } else if (outcome === 'hangup') {
      this.deps.logger.debug({ uniqueId: this.request?.uniqueId, phase, sent: this.sent }, 'routing: the caller hung up during the FastAGI session');
    }
    if (this.socket.destroyed) return;
    if (outcome === 'malformed') {
      // Not Asterisk, or not sane: whatever else it sends is not read.
      this.socket.destroy();
      return;
    }
    // Closing is the answer's end for FastAGI: AGI() returns and the dialplan goes on. Asterisk
    // then writes HANGUP and closes its side; wait a little for that, then let go.
    this.socket.end();
    const linger = setTimeout(() => this.socket.destroy(), Math.min(LINGER_MS, this.deps.idleTimeoutMs));
    linger.unref();
    this.socket.once('close', () => clearTimeout(linger));
  }

}
