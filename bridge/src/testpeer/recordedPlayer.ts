/**
 * Plays recorded call flows through the test peer as the live Asterisk that recorded them
 * would: step by step (a person or a test advances), at the recorded pace (compressed), or
 * when the bridge sends the action that started a step in the recording, answered with the
 * answer Asterisk gave. An action the recording cannot answer on a flow's channel is refused
 * with a message saying so; a Hangup the recording does not have ends the flow's channels.
 */
import type { AmiMessage } from '../ami/message';
import type { Pairs } from './builders';
import { defaultCapturesDir, capturesProblem, RecordingUnavailableError } from './recording';
import { RecordedFlow, type FlowInfo, type FlowOptions, type PlayedPhase } from './recordedFlow';
import type { RewriteIds } from './rewrite';
import { SCENARIOS, scenarioByName, type ScenarioSpec } from './scenarios';

/** What the player needs from the peer. */
export interface PlaybackSink {
  /** Sends one event to the logged-in clients and applies it to the channel table. */
  sendEvent(m: AmiMessage): void;
  /** Live channels among these Uniqueids. */
  liveOf(uniqueids: Set<string>): Array<{ uniqueid: string }>;
  /** Hangs a live channel up with events made by the peer (outside any recording). */
  hangupChannel(uniqueid: string, cause: number): void;
}

export interface StartOptions {
  caller?: FlowOptions['caller'];
  agents?: FlowOptions['agents'];
}

/** Finished flows kept for describe(), oldest dropped first. */
const KEEP_FINISHED = 50;

export class RecordedPlayer {
  private readonly flows = new Map<string, RecordedFlow>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly sink: PlaybackSink,
    private readonly ids: RewriteIds,
    /** Where the captures are; `defaultCapturesDir()` unless told. */
    public capturesDir: string = defaultCapturesDir(),
  ) {}

  /** Why recorded flows cannot be played here, or null when they can. */
  unavailable(): string | null {
    return capturesProblem(this.capturesDir);
  }

  scenarios(): ScenarioSpec[] {
    return SCENARIOS;
  }

  /** Starts a flow and plays its first step. Throws RecordingUnavailableError or a plain Error on bad options. */
  start(scenario: string, options: StartOptions = {}): RecordedFlow {
    const spec = scenarioByName(scenario);
    if (!spec) throw new Error(`no recorded scenario ${JSON.stringify(scenario)} (known: ${SCENARIOS.map((s) => s.name).join(', ')})`);
    const problem = this.unavailable();
    if (problem) throw new RecordingUnavailableError(`recorded Asterisk streams unavailable: ${problem}`);
    const flow = new RecordedFlow(spec, { ...options, capturesDir: this.capturesDir, ids: this.ids });
    this.flows.set(flow.id, flow);
    this.prune();
    this.play(flow.advance('step'));
    return flow;
  }

  get(id: string): RecordedFlow | undefined {
    return this.flows.get(id);
  }

  list(): FlowInfo[] {
    return [...this.flows.values()].map((f) => f.describe());
  }

  /** Plays the next step of a flow; undefined when it has none left. */
  step(id: string): PlayedPhase | undefined {
    const flow = this.flows.get(id);
    if (!flow) return undefined;
    const p = flow.advance('step');
    this.play(p);
    return p;
  }

  /**
   * Plays the flow's remaining steps at the recorded pace divided by `speed` (10: ten times
   * faster). Steps the bridge's actions play meanwhile are not played twice.
   */
  run(id: string, speed = 1): Promise<void> {
    const flow = this.flows.get(id);
    if (!flow) return Promise.resolve();
    const factor = Number.isFinite(speed) && speed > 0 ? speed : 1;
    return new Promise((resolve) => {
      const tick = (): void => {
        const next = flow.next;
        if (!next) return resolve();
        const t = setTimeout(() => {
          this.timers.delete(t);
          // Played meanwhile by a step or an action: wait for the one after it.
          if (flow.next === next) this.play(flow.advance('step'));
          tick();
        }, Math.round(next.afterMs / factor));
        this.timers.add(t);
      };
      tick();
    });
  }

  /**
   * An action from a client. Returns true when a flow answered it (through `reply`), false
   * when it is none of the recorded flows' business.
   */
  handleAction(m: AmiMessage, reply: (fields: Pairs) => void): boolean {
    const actionId: Pairs = m.has('actionid') ? [['ActionID', m.get('actionid') ?? '']] : [];
    for (const flow of this.flows.values()) {
      const v = flow.judge(m);
      if (v.kind === 'none') continue;
      if (v.kind === 'refuse') {
        reply([['Response', 'Error'], ...actionId, ['Message', v.message]]);
        return true;
      }
      if (v.kind === 'diverge') {
        reply([['Response', 'Success'], ...actionId, ['Message', 'Channel Hungup']]);
        this.abort(flow);
        return true;
      }
      const phase = flow.advance('action') as PlayedPhase;
      const recorded = phase.response;
      // Asterisk's recorded answer, carrying this client's ActionID.
      const rest: Pairs = recorded ? recorded.headers.filter(([k]) => !/^(response|actionid)$/i.test(k)) : [['Message', 'Channel Hungup']];
      reply([['Response', recorded?.get('Response') ?? 'Success'], ...actionId, ...rest]);
      this.play(phase);
      return true;
    }
    return false;
  }

  /** Stops every flow and hangs up what is left of them. */
  abortAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const f of this.flows.values()) if (f.status === 'playing') this.abort(f);
  }

  private abort(flow: RecordedFlow): void {
    flow.abort();
    for (const ch of this.sink.liveOf(flow.uniqueids)) this.sink.hangupChannel(ch.uniqueid, 16);
  }

  private play(phase: PlayedPhase | undefined): void {
    if (!phase) return;
    for (const ev of phase.events) this.sink.sendEvent(ev);
  }

  private prune(): void {
    const finished = [...this.flows.values()].filter((f) => f.status !== 'playing');
    for (const f of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.flows.delete(f.id);
  }
}
