/**
 * Fresh ids for replayed events, so that playing one capture twice gives
 * two distinct calls: every Uniqueid/Linkedid (whatever its key prefix),
 * the hex suffix of channel names, bridge ids, and timestamps are mapped
 * consistently within one playback.
 */
import { randomUUID } from 'node:crypto';
import { AmiMessage } from '../ami/message';

export interface RewriteIds {
  newUniqueid(): string;
  suffix(): string;
  now(): number;
}

export interface RewriteOptions {
  /**
   * Moves the stream's own clocks (EventTV, SessionTV, Cdr StartTime/AnswerTime/EndTime, RTCP
   * NTP times, queue member LastCall/LoginTime) by this many milliseconds, so a recording made
   * on another day reads as happening now. Left alone when absent.
   */
  shiftMs?: number;
}

const ID_KEY = /(uniqueid\d?|linkedid)$/i;
const CHANNEL_KEY = /(^|[a-z])(channel\d?|destination)$/i;
const BRIDGE_KEY = /(bridgeuniqueid|bridgeid)$/i;
const CHANNEL_SUFFIX = /-([0-9a-fA-F]{6,})(;[12])?$/;
/** Values that may name channels inside free text (`BRIDGEPEER=PJSIP/7002-00000002`). */
const TEXT_KEY = /^(value|appdata|lastdata|data)$/i;
const CHANNEL_IN_TEXT = /(\/[^\s,&|/=]+?)-([0-9a-fA-F]{8})(;[12])?(?![0-9A-Za-z])/g;
const ISO_TIME_KEY = /^(eventtv|sessiontv)$/i;
const CDR_TIME_KEY = /^(starttime|answertime|endtime)$/i;
const EPOCH_KEY = /^(sentntp|receivedntp|lastcall|logintime|lastpause)$/i;
const ISO_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,6})?([+-]\d\d):?(\d\d)$/;
const CDR_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

/** Keys whose values are ids or clocks: never touched by number or extension substitution. */
export function isIdOrClockKey(key: string): boolean {
  return ID_KEY.test(key) || BRIDGE_KEY.test(key) || ISO_TIME_KEY.test(key) || CDR_TIME_KEY.test(key) || EPOCH_KEY.test(key) || /^timestamp$/i.test(key);
}

/** One playback's id maps: feed it every message of the playback, in order. */
export class PlaybackRewriter {
  private readonly uid = new Map<string, string>();
  private readonly suf = new Map<string, string>();
  private readonly bridge = new Map<string, string>();

  constructor(
    private readonly ids: RewriteIds,
    private readonly options: RewriteOptions = {},
  ) {}

  message(ev: AmiMessage): AmiMessage {
    const out = new AmiMessage();
    for (const [k, v] of ev.headers) out.add(k, this.value(k, v));
    return out;
  }

  /** The played value of one header. */
  value(k: string, v: string): string {
    if (v === '' || v === '<unknown>' || v === '<null>') return v;
    if (ID_KEY.test(k) && !BRIDGE_KEY.test(k)) return this.map(this.uid, v, this.ids.newUniqueid);
    if (BRIDGE_KEY.test(k)) return this.map(this.bridge, v, randomUUID);
    if (CHANNEL_KEY.test(k) && !/state|desc/i.test(k)) return v.replace(CHANNEL_SUFFIX, (_all, hex: string, half: string | undefined) => `-${this.suffixFor(hex)}${half ?? ''}`);
    if (/^timestamp$/i.test(k)) return (this.ids.now() / 1000).toFixed(6);
    if (TEXT_KEY.test(k)) return v.replace(CHANNEL_IN_TEXT, (_all, name: string, hex: string, half: string | undefined) => `${name}-${this.suffixFor(hex)}${half ?? ''}`);
    const shift = this.options.shiftMs;
    if (shift !== undefined) {
      if (ISO_TIME_KEY.test(k)) return shiftIso(v, shift);
      if (CDR_TIME_KEY.test(k)) return shiftCdr(v, shift);
      if (EPOCH_KEY.test(k)) return shiftEpoch(v, shift);
    }
    return v;
  }

  private suffixFor(hex: string): string {
    return this.map(this.suf, hex, this.ids.suffix);
  }

  private map(m: Map<string, string>, k: string, make: () => string): string {
    let v = m.get(k);
    if (v === undefined) {
      v = make();
      m.set(k, v);
    }
    return v;
  }
}

export function rewriteForPlayback(events: AmiMessage[], ids: RewriteIds, options: RewriteOptions = {}): AmiMessage[] {
  const r = new PlaybackRewriter(ids, options);
  return events.map((ev) => r.message(ev));
}

// ------------------------------------------------------------------ the stream's own clocks

/** Recorded wall-clock time (ms) of a clock header, or undefined when it holds none. */
export function recordedTimeMs(key: string, v: string): number | undefined {
  if (ISO_TIME_KEY.test(key)) {
    const m = ISO_TIME.exec(v);
    if (!m) return undefined;
    const t = Date.parse(`${m[1]}${m[2] ? m[2].slice(0, 4) : ''}${m[3]}:${m[4]}`);
    return Number.isFinite(t) ? t : undefined;
  }
  if (CDR_TIME_KEY.test(key)) {
    if (!CDR_TIME.test(v)) return undefined;
    const t = Date.parse(`${v.replace(' ', 'T')}Z`);
    return Number.isFinite(t) ? t : undefined;
  }
  if (EPOCH_KEY.test(key)) {
    const n = Number(v);
    return Number.isFinite(n) && n > 0 ? Math.round(n * 1000) : undefined;
  }
  return undefined;
}

function shiftIso(v: string, shift: number): string {
  const t = recordedTimeMs('EventTV', v);
  if (t === undefined) return v;
  // Same shape as Asterisk writes it: UTC, milliseconds, `+0000`.
  return new Date(t + shift).toISOString().replace('Z', '+0000');
}

function shiftCdr(v: string, shift: number): string {
  const t = recordedTimeMs('StartTime', v);
  if (t === undefined) return v;
  return new Date(t + shift).toISOString().slice(0, 19).replace('T', ' ');
}

function shiftEpoch(v: string, shift: number): string {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) return v;
  const decimals = v.includes('.') ? (v.split('.')[1] ?? '').length : 0;
  return ((n * 1000 + shift) / 1000).toFixed(decimals);
}
