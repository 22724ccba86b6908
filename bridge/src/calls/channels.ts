/**
 * The live channel table: channels by Uniqueid and by name, bridges and who
 * is in them, and a bounded memory of hung-up channels so late events never
 * bring one back. Knows nothing about calls beyond each channel's call id.
 */
import type { ChannelKind } from './classify';
import { localPartnerName } from './classify';
import { cleanId, idNeedsCleaning } from './sanitise';

export interface Chan {
  uniqueid: string;
  name: string;
  linkedid: string;
  /** False when the server never told us the Linkedid (Asterisk 11). */
  linkedidKnown: boolean;
  callId: string;
  kind: ChannelKind;
  ext: string | undefined;
  state: number;
  callerNum: string | undefined;
  context: string | undefined;
  exten: string | undefined;
  bridgeId: string | undefined;
  /** The phone put its peer on hold (Hold event), in the bridge it was in then. */
  hold: boolean;
  holdBridge: string | undefined;
  /** Music on hold plays to this channel. */
  moh: boolean;
  /**
   * Known only as the destination of another channel's Dial or queue event: its own
   * events, its Hangup included, may never come (FreePBX queue members), so it is
   * reaped by its DialEnd or its caller's hangup.
   */
  destOnly: boolean;
  /** Uniqueid of the channel that dialled this one. */
  dialedBy: string | undefined;
  /** An agent's device that has talked to someone in this call (bridged with another party). */
  talked: boolean;
  createdAt: number;
  seq: number;
}

export class ChannelTable {
  private readonly byUid = new Map<string, Chan>();
  private readonly byName = new Map<string, string>();
  private readonly bridges = new Map<string, Set<string>>();
  /** Hung-up channel ids (insertion order = age), so late events do not resurrect them. */
  private readonly ended = new Map<string, true>();
  private seq = 0;
  /** The channel looked up last: events about one channel come in runs (VarSet after VarSet). */
  private lastUid: string | undefined;
  private lastChan: Chan | undefined;

  constructor(private readonly endedMemory: number) {}

  get size(): number {
    return this.byUid.size;
  }

  /** The channel of a Uniqueid as the event spelled it (kept cleaned: see sanitise.ts). */
  get(uid: string | undefined): Chan | undefined {
    if (uid === undefined) return undefined;
    if (uid === this.lastUid) return this.lastChan;
    // Only a miss pays for cleaning: a hostile id was stored cleaned.
    const ch = this.byUid.get(uid) ?? (idNeedsCleaning(uid) ? this.byUid.get(cleanId(uid) ?? '') : undefined);
    if (ch) {
      this.lastUid = ch.uniqueid;
      this.lastChan = ch;
    }
    return ch;
  }

  named(name: string): Chan | undefined {
    const uid = this.byName.get(name);
    return uid === undefined ? undefined : this.byUid.get(uid);
  }

  all(): IterableIterator<Chan> {
    return this.byUid.values();
  }

  hasEnded(uid: string): boolean {
    return this.ended.has(uid) || (idNeedsCleaning(uid) && this.ended.has(cleanId(uid) ?? ''));
  }

  /** Sequence number of the latest channel added (resync tokens compare against it). */
  get lastSeq(): number {
    return this.seq;
  }

  add(ch: Omit<Chan, 'seq'>): Chan {
    const full = ch as Chan;
    full.seq = ++this.seq;
    this.byUid.set(full.uniqueid, full);
    if (this.lastUid === full.uniqueid) this.lastChan = full;
    this.byName.set(full.name, full.uniqueid);
    return full;
  }

  rename(ch: Chan, name: string): void {
    if (this.byName.get(ch.name) === ch.uniqueid) this.byName.delete(ch.name);
    ch.name = name;
    this.byName.set(name, ch.uniqueid);
  }

  /** Drops a channel for good (it hung up or was reaped). */
  remove(ch: Chan): void {
    if (this.lastChan === ch) {
      this.lastUid = undefined;
      this.lastChan = undefined;
    }
    if (ch.bridgeId) this.leaveBridge(ch);
    this.byUid.delete(ch.uniqueid);
    if (this.byName.get(ch.name) === ch.uniqueid) this.byName.delete(ch.name);
    this.ended.set(ch.uniqueid, true);
    if (this.ended.size > this.endedMemory) {
      const first = this.ended.keys().next();
      if (!first.done) this.ended.delete(first.value);
    }
  }

  enterBridge(ch: Chan, bridge: string): void {
    if (ch.bridgeId && ch.bridgeId !== bridge) this.leaveBridge(ch);
    ch.bridgeId = bridge;
    let set = this.bridges.get(bridge);
    if (!set) {
      set = new Set();
      this.bridges.set(bridge, set);
    }
    set.add(ch.uniqueid);
  }

  leaveBridge(ch: Chan): void {
    const id = ch.bridgeId;
    ch.bridgeId = undefined;
    if (!id) return;
    const set = this.bridges.get(id);
    if (!set) return;
    set.delete(ch.uniqueid);
    if (set.size === 0) this.bridges.delete(id);
  }

  /** The bridge is gone: whoever we still thought was in it has left. */
  destroyBridge(bridge: string): void {
    for (const uid of this.bridges.get(bridge) ?? []) {
      const ch = this.byUid.get(uid);
      if (ch) ch.bridgeId = undefined;
    }
    this.bridges.delete(bridge);
  }

  bridgeIds(): IterableIterator<string> {
    return this.bridges.keys();
  }

  /** The other half of a Local channel pair, if live. */
  partner(ch: Chan): Chan | undefined {
    const name = localPartnerName(ch.name);
    return name === undefined ? undefined : this.named(name);
  }

  /** Non-Local channels talking through a bridge, following Local pairs to the far side. */
  parties(bridge: string, seen = new Set<string>()): Chan[] {
    if (seen.has(bridge)) return [];
    seen.add(bridge);
    const out: Chan[] = [];
    for (const uid of this.bridges.get(bridge) ?? []) {
      const ch = this.byUid.get(uid);
      if (!ch) continue;
      if (ch.kind !== 'local') {
        out.push(ch);
        continue;
      }
      const partner = this.partner(ch);
      if (partner?.bridgeId) out.push(...this.parties(partner.bridgeId, seen));
    }
    return out;
  }

  /** An agent's device talking to someone (bridged with another party). */
  isConnected(ch: Chan): boolean {
    if (!ch.bridgeId) return false;
    // Someone other than a Local half in the same bridge answers it without following any pair.
    for (const uid of this.bridges.get(ch.bridgeId) ?? []) {
      const o = uid === ch.uniqueid ? undefined : this.byUid.get(uid);
      if (o && o.kind !== 'local') return true;
    }
    return this.parties(ch.bridgeId).some((p) => p !== ch);
  }

  /** Someone in this bridge (through Local pairs) hears music on hold or was put on hold. */
  isHeld(bridge: string): boolean {
    // The bridge's own members first: without Local halves there is nobody further to look at.
    let local = false;
    for (const uid of this.bridges.get(bridge) ?? []) {
      const p = this.byUid.get(uid);
      if (!p) continue;
      if (p.kind === 'local') local = true;
      else if (p.moh || (p.hold && p.holdBridge === p.bridgeId)) return true;
    }
    return local && this.parties(bridge).some((p) => p.moh || (p.hold && p.holdBridge === p.bridgeId));
  }
}
