/**
 * A ring group of N agents built from the real recorded one (../shared/asterisk/captures/
 * ringgroup_answered.ami: a trunk call to DID 600, `Dial(PJSIP/7001&PJSIP/7002)`), up to the
 * moment a phone answers: the trunk's events once, each recorded leg's events (its channel, its
 * DialBegin/DialState, its device and queue member states) once per agent of the group, with
 * that agent's extension, then fresh ids for the whole call (the test peer's PlaybackRewriter).
 *
 * For each agent, the event that makes the call ring them is found by feeding the same stream to
 * a CallModel as the bridge wires it: the fan-out latency is measured from the peer writing it.
 */
import { AmiMessage } from '../../../bridge/src/ami/message';
import { CallModel } from '../../../bridge/src/calls';
import type { Call } from '../../../bridge/src/protocol/messages';
import { loadRecording, defaultCapturesDir, PlaybackRewriter, newUniqueid } from '../../../bridge/src/testpeer';
import { newSuffix } from '../../../bridge/src/testpeer/channelTable';
import { Substituter } from '../../../bridge/src/testpeer/substitute';

const RECORDED_LEGS = ['7001', '7002'];
/** Headers naming a channel, whose leg the event is about. */
const LEG_KEYS = /^(channel|destchannel|device|stateinterface|interface)$/i;
const LEG_CHANNEL = new RegExp(`^PJSIP/(${RECORDED_LEGS.join('|')})-`);

export interface RingGroupCall {
  callId: string;
  events: AmiMessage[];
  /** Extension -> index in `events` of the event after which the call shows them ringing. */
  ringsAt: Map<string, number>;
}

/** The recorded ring group's events before the answer, read once. */
export function recordedRingPhase(dir = defaultCapturesDir()): AmiMessage[] {
  const events = loadRecording(dir, 'ringgroup_answered').messages.filter((m) => m.kind === 'event');
  // The first phone going Up is the answer: everything before it is the group ringing.
  const answer = events.findIndex((m) => m.event === 'Newstate' && m.get('ChannelState') === '6' && /^PJSIP\/700\d-/.test(m.get('Channel') ?? ''));
  if (answer < 0) throw new Error('ringgroup_answered.ami: no answer found');
  return events.slice(0, answer);
}

function legOf(m: AmiMessage): string | null {
  for (const [k, v] of m.headers) {
    if (!LEG_KEYS.test(k)) continue;
    const hit = /^(?:PJSIP\/|Local\/)(\d+)[-@]|^PJSIP\/(\d+)$/.exec(v);
    const ext = hit?.[1] ?? hit?.[2];
    if (ext && RECORDED_LEGS.includes(ext)) return ext;
  }
  return null;
}

/**
 * One call ringing `extensions` (even count: the recorded legs alternate). Leg copies get distinct
 * recorded ids first (`#k` on the leg's Uniqueid, a leading hex digit on its channel suffix) so the
 * rewriter gives each a fresh channel of its own.
 */
export function ringGroupCall(phase: AmiMessage[], extensions: string[]): RingGroupCall {
  const legUids = new Set(phase.filter((m) => m.event === 'Newchannel' && legOf(m)).map((m) => m.get('Uniqueid') as string));
  const copies = Math.ceil(extensions.length / RECORDED_LEGS.length);
  const subs = Array.from({ length: copies }, (_, k) => {
    const map: Record<string, string> = {};
    RECORDED_LEGS.forEach((leg, i) => {
      const ext = extensions[k * RECORDED_LEGS.length + i];
      if (ext) map[leg] = ext;
    });
    return { k, map, sub: new Substituter({ extensions: map }) };
  });
  const out: AmiMessage[] = [];
  for (const m of phase) {
    const leg = legOf(m);
    if (!leg) {
      out.push(subs[0]!.sub.message(m));
      continue;
    }
    for (const { k, map, sub } of subs) {
      if (!map[leg]) continue;
      const copy = k === 0 ? m : relabel(m, k, legUids);
      out.push(sub.message(copy));
    }
  }
  const rewriter = new PlaybackRewriter({ newUniqueid, suffix: newSuffix, now: () => Date.now() });
  const events = out.map((m) => rewriter.message(m));
  const callId = events[0]?.get('Linkedid') ?? '';
  return { callId, events, ringsAt: ringingIndex(events, extensions) };
}

/** The k-th copy of a leg event: its own Uniqueid and channel suffix before the rewrite. */
function relabel(m: AmiMessage, k: number, legUids: Set<string>): AmiMessage {
  return AmiMessage.from(
    m.headers.map(([key, v]): [string, string] => {
      if (/uniqueid$/i.test(key) && legUids.has(v)) return [key, `${v}#${k}`];
      if (/channel$/i.test(key) && LEG_CHANNEL.test(v)) return [key, v.replace(/-[0-9a-fA-F]([0-9a-fA-F]{7})$/, (_a, rest: string) => `-${k.toString(16)}${rest}`)];
      return [key, v];
    }),
  );
}

function ringingIndex(events: AmiMessage[], extensions: string[]): Map<string, number> {
  const model = new CallModel();
  const at = new Map<string, number>();
  let i = 0;
  model.on('update', (call: Call) => {
    if (call.state !== 'ringing') return;
    for (const ext of call.rung) if (!at.has(ext)) at.set(ext, i);
  });
  for (; i < events.length; i++) model.handleEvent(events[i] as AmiMessage);
  const missing = extensions.filter((e) => !at.has(e));
  if (missing.length) throw new Error(`ring group stream never rings ${missing.join(', ')}`);
  return at;
}
