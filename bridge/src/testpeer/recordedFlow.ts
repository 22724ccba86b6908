/**
 * One playback of a recorded call flow: the recording cut into steps, with the callers and
 * extensions the run asked for and fresh ids, and the bridge actions that play a step as the
 * real PBX answered them. It only decides; the peer sends (see RecordedPlayer).
 */
import type { AmiMessage } from '../ami/message';
import { loadRecording, type Recording } from './recording';
import { PlaybackRewriter, recordedTimeMs, type RewriteIds } from './rewrite';
import type { Boundary, ScenarioSpec } from './scenarios';
import { TEST_PBX_NAMES } from './scenarios';
import { Substituter } from './substitute';

export interface FlowOptions {
  /** The trunk caller to play instead of the recorded one (inbound scenarios). */
  caller?: { number: string; name?: string };
  /** Played extension by role; roles left out keep the scenario's default. */
  agents?: Record<string, string>;
  capturesDir: string;
  ids: RewriteIds;
}

export interface PlayedPhase {
  name: string;
  label: string;
  afterMs: number;
  /** The step's events, as played. */
  events: AmiMessage[];
  /** What Asterisk answered to the action that started this step (absent for a phone's doing). */
  response: AmiMessage | undefined;
  /** The action that plays this step: its name and the fields that must match, as played. */
  trigger: { action: string; fields: Array<[string, string]> } | undefined;
  playedAt: number | null;
  by: 'step' | 'action' | null;
}

export type ActionVerdict =
  /** Play the next step; answer with `response` (or Asterisk's plain Hangup answer when absent). */
  | { kind: 'play'; phase: PlayedPhase }
  /** An action on this flow's channels that the recording cannot answer. */
  | { kind: 'refuse'; message: string }
  /** A Hangup the recording did not have here: hang the flow's channels up and stop. */
  | { kind: 'diverge' }
  /** Not about this flow. */
  | { kind: 'none' };

export const PHONE_NUMBER = /^\+?[0-9]{3,20}$/;
// eslint-disable-next-line no-control-regex
const PLAIN_NAME = /^[^\u0000-\u001f\u007f"<>]{1,64}$/;

let flowSeq = 0;

export class RecordedFlow {
  readonly id: string;
  readonly phases: PlayedPhase[];
  /** Played extension by role. */
  readonly agents: Record<string, string>;
  readonly caller: { number: string; name: string } | null;
  /** The call's id in the bridge: Linkedid of the recording's first channel, as played. */
  readonly callId: string | undefined;
  /** Channel names and Uniqueids this flow plays. */
  readonly channelNames = new Set<string>();
  readonly uniqueids = new Set<string>();
  status: 'playing' | 'done' | 'aborted' = 'playing';
  private nextIndex = 0;

  constructor(
    readonly spec: ScenarioSpec,
    options: FlowOptions,
    recording: Recording = loadRecording(options.capturesDir, spec.file),
  ) {
    this.id = `rec-${++flowSeq}`;
    this.agents = resolveAgents(spec, options.agents);
    this.caller = spec.caller ? resolveCaller(spec, options.caller) : null;
    const sub = new Substituter(this.substitution());
    const start = firstClock(recording.messages);
    const rw = new PlaybackRewriter(options.ids, start === undefined ? {} : { shiftMs: Date.now() - start });
    const starts = phaseStarts(spec, recording.messages);
    const played = recording.messages.map((m) => rw.message(sub.message(m)));
    const sentById = new Map(recording.sent.map((a) => [a.get('ActionID') ?? '', a]));
    this.phases = spec.phases.map((p, i) => {
      const from = starts[i] as number;
      const to = i + 1 < starts.length ? (starts[i + 1] as number) : played.length;
      const slice = played.slice(from, to);
      const first = slice[0];
      const response = p.startsAt && 'response' in p.startsAt && first?.kind === 'response' ? first : undefined;
      let trigger: PlayedPhase['trigger'];
      if (p.trigger && 'sent' in p.trigger) {
        const sent = sentById.get(p.trigger.sent);
        if (!sent) throw new Error(`${spec.file}.ami.sent has no action ${p.trigger.sent} (scenario ${spec.name})`);
        const action = rw.message(sub.message(sent));
        trigger = { action: sent.get('Action') ?? '', fields: p.trigger.match.map((k): [string, string] => [k, action.get(k) ?? '']) };
      } else if (p.trigger && 'hangup' in p.trigger) {
        trigger = { action: 'Hangup', fields: [['Channel', rw.value('Channel', sub.value('Channel', p.trigger.hangup))]] };
      }
      return { name: p.name, label: this.fill(p.label), afterMs: p.afterMs, events: slice.filter((m) => m.kind === 'event'), response, trigger, playedAt: null, by: null };
    });
    for (const m of played) {
      for (const [k, v] of m.headers) {
        if (/(^|[a-z])channel$/i.test(k) && v.includes('/')) this.channelNames.add(v);
        if (/uniqueid$/i.test(k) && !/bridge/i.test(k) && v && v !== '<null>') this.uniqueids.add(v);
      }
    }
    this.callId = played.find((m) => m.event === 'Newchannel')?.get('Linkedid');
  }

  /** The step that plays next, if any. */
  get next(): PlayedPhase | undefined {
    return this.status === 'playing' ? this.phases[this.nextIndex] : undefined;
  }

  /** Takes the next step (its events are for the peer to send). */
  advance(by: 'step' | 'action'): PlayedPhase | undefined {
    const p = this.next;
    if (!p) return undefined;
    p.playedAt = Date.now();
    p.by = by;
    this.nextIndex++;
    if (this.nextIndex >= this.phases.length) this.status = 'done';
    return p;
  }

  abort(): void {
    if (this.status === 'playing') this.status = 'aborted';
  }

  /** What to do with an action the bridge sent while this flow plays. */
  judge(action: AmiMessage): ActionVerdict {
    if (this.status !== 'playing') return { kind: 'none' };
    const name = (action.get('Action') ?? '').trim().toLowerCase();
    const channel = action.get('Channel') ?? '';
    const next = this.next;
    const t = next?.trigger;
    if (next && t && t.action.toLowerCase() === name && t.fields.every(([k, v]) => (action.get(k) ?? '') === v)) return { kind: 'play', phase: next };
    if (!this.channelNames.has(channel)) return { kind: 'none' };
    if (name === 'hangup') return { kind: 'diverge' };
    // Keypad tones change nothing in the call: answered as Asterisk does, outside the recording.
    if (name === 'playdtmf') return { kind: 'none' };
    if (t && t.action.toLowerCase() === name) {
      const wrong = t.fields.filter(([k, v]) => (action.get(k) ?? '') !== v).map(([k, v]) => `${k} ${v}`);
      return { kind: 'refuse', message: `Recorded flow ${this.spec.name} only has this ${t.action} with ${wrong.join(', ')}` };
    }
    const step = next ? `; next recorded step: ${next.label}` : '';
    return { kind: 'refuse', message: `${action.get('Action') ?? 'This action'} is not part of the recorded flow ${this.spec.name}${step}` };
  }

  describe(): FlowInfo {
    return {
      id: this.id,
      scenario: this.spec.name,
      label: this.spec.label,
      status: this.status,
      callId: this.callId ?? null,
      caller: this.caller,
      agents: { ...this.agents },
      next: this.next ? { name: this.next.name, label: this.next.label, action: this.next.trigger?.action ?? null } : null,
      phases: this.phases.map((p) => ({ name: p.name, label: p.label, played: p.playedAt !== null, by: p.by })),
    };
  }

  private substitution(): { text: Record<string, string>; extensions: Record<string, string> } {
    const extensions: Record<string, string> = {};
    const text: Record<string, string> = {};
    for (const [role, r] of Object.entries(this.spec.roles)) {
      const played = this.agents[role] as string;
      extensions[r.recorded] = played;
      const from = TEST_PBX_NAMES[r.recorded];
      const to = TEST_PBX_NAMES[played] ?? `Extension ${played}`;
      if (from) text[from] = to;
    }
    if (this.spec.caller && this.caller) {
      text[this.spec.caller.number] = this.caller.number;
      text[this.spec.caller.name] = this.caller.name;
    }
    return { text, extensions };
  }

  private fill(label: string): string {
    return label.replace(/\{(\w+)\}/g, (all, role: string) => this.agents[role] ?? all);
  }
}

export interface FlowInfo {
  id: string;
  scenario: string;
  label: string;
  status: RecordedFlow['status'];
  callId: string | null;
  caller: { number: string; name: string } | null;
  agents: Record<string, string>;
  next: { name: string; label: string; action: string | null } | null;
  phases: Array<{ name: string; label: string; played: boolean; by: PlayedPhase['by'] }>;
}

function resolveAgents(spec: ScenarioSpec, asked: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const role of Object.keys(asked)) if (!spec.roles[role]) throw new Error(`scenario ${spec.name} has no role ${JSON.stringify(role)} (roles: ${Object.keys(spec.roles).join(', ')})`);
  for (const [role, r] of Object.entries(spec.roles)) {
    const ext = asked[role] ?? r.played;
    if (!/^\d{2,6}$/.test(ext)) throw new Error(`role ${role}: extension must be 2 to 6 digits`);
    out[role] = ext;
  }
  const exts = Object.values(out);
  if (new Set(exts).size !== exts.length) throw new Error(`scenario ${spec.name}: each role needs its own extension (${exts.join(', ')})`);
  return out;
}

function resolveCaller(spec: ScenarioSpec, asked: FlowOptions['caller']): { number: string; name: string } {
  const recorded = spec.caller as { number: string; name: string };
  if (!asked) return { ...recorded };
  const number = asked.number.replace(/[ .()-]/g, '');
  if (!PHONE_NUMBER.test(number)) throw new Error('caller number must be a phone number (digits, optional leading +)');
  const name = asked.name?.trim() || recorded.name;
  if (!PLAIN_NAME.test(name)) throw new Error('caller name must be 1 to 64 characters, without control characters, quotes or angle brackets');
  return { number, name };
}

/** Index of each step's first message in the recording; a boundary not found is an error that names it. */
function phaseStarts(spec: ScenarioSpec, messages: AmiMessage[]): number[] {
  const starts: number[] = [];
  let from = 0;
  for (const [i, p] of spec.phases.entries()) {
    if (i === 0) {
      if (p.startsAt) throw new Error(`scenario ${spec.name}: the first step starts with the recording`);
      starts.push(0);
      continue;
    }
    if (!p.startsAt) throw new Error(`scenario ${spec.name}: step ${p.name} has no start`);
    const at = findBoundary(messages, p.startsAt, from + 1);
    if (at < 0) throw new Error(`capture ${spec.file}.ami: step ${p.name} of scenario ${spec.name} not found (${JSON.stringify(p.startsAt)})`);
    starts.push(at);
    from = at;
  }
  return starts;
}

function findBoundary(messages: AmiMessage[], b: Boundary, from: number): number {
  for (let i = from; i < messages.length; i++) {
    const m = messages[i] as AmiMessage;
    if ('response' in b) {
      if (m.kind === 'response' && m.get('ActionID') === b.response) return i;
      continue;
    }
    if (m.event !== b.event) continue;
    if (b.channel !== undefined && m.get('Channel') !== b.channel) continue;
    if (b.state !== undefined && m.get('ChannelState') !== b.state) continue;
    return i;
  }
  return -1;
}

/**
 * When the recorded call began: the first channel's Uniqueid (`<epoch>.<sequence>`), else the
 * first security event time. Its clocks are moved by (now - this) when played.
 */
function firstClock(messages: AmiMessage[]): number | undefined {
  for (const m of messages) {
    const uid = m.event === 'Newchannel' ? /^(\d{9,11})\.\d+$/.exec(m.get('Uniqueid') ?? '') : null;
    if (uid) return Number(uid[1]) * 1000;
    const tv = m.get('EventTV');
    if (tv !== undefined) {
      const t = recordedTimeMs('EventTV', tv);
      if (t !== undefined) return t;
    }
  }
  return undefined;
}
