/**
 * The test peer's live channels, kept in step with every event it sends (scripted, played
 * from a recording, or raw), so CoreShowChannels and `core show channels` tell the truth.
 * It also makes the few channel events the scripted calls need.
 */
import type { AmiMessage } from '../ami/message';
import { bridgeEvent, channelEvent, hangupEvent, HANGUP_TEXT, type Pairs, type PeerChannel } from './builders';

let idSeq = 0;
let chanSeq = 0;
const epoch = Math.floor(Date.now() / 1000);

/** A Uniqueid in Asterisk's form (`<epoch>.<sequence>`), unique in this process. */
export function newUniqueid(): string {
  idSeq += 1;
  return `${epoch}.${900000 + idSeq}`;
}

/** A channel name suffix in Asterisk's form (8 hex digits), unique in this process. */
export function newSuffix(): string {
  chanSeq = (chanSeq + 1) % 0xffffffff;
  return chanSeq.toString(16).padStart(8, '0');
}

export class ChannelTable {
  private readonly table = new Map<string, PeerChannel>();

  /** `send` writes an event to the clients; the peer calls `track` for everything it sends. */
  constructor(private readonly send: (fields: Pairs) => void) {}

  get size(): number {
    return this.table.size;
  }

  get(uniqueid: string): PeerChannel | undefined {
    return this.table.get(uniqueid);
  }

  has(uniqueid: string): boolean {
    return this.table.has(uniqueid);
  }

  values(): PeerChannel[] {
    return [...this.table.values()];
  }

  /** By channel name or Uniqueid. */
  find(nameOrId: string): PeerChannel | undefined {
    const byId = this.table.get(nameOrId);
    if (byId) return byId;
    for (const c of this.table.values()) if (c.name === nameOrId) return c;
    return undefined;
  }

  newChannel(o: {
    name: string;
    uniqueid?: string;
    linkedid?: string;
    state: number;
    callerNum?: string;
    callerName?: string;
    connectedNum?: string;
    context: string;
    exten: string;
  }): PeerChannel {
    const uniqueid = o.uniqueid ?? newUniqueid();
    const ch: PeerChannel = {
      name: o.name,
      uniqueid,
      linkedid: o.linkedid ?? uniqueid,
      state: o.state,
      callerNum: o.callerNum ?? '',
      callerName: o.callerName ?? '',
      connectedNum: o.connectedNum ?? '',
      connectedName: '',
      context: o.context,
      exten: o.exten,
      priority: 1,
      application: '',
      appData: '',
      bridgeId: undefined,
      createdAt: Date.now(),
    };
    this.send(channelEvent('Newchannel', ch));
    return this.table.get(uniqueid) ?? ch;
  }

  setState(ch: PeerChannel, state: number): void {
    ch.state = state;
    this.send(channelEvent('Newstate', ch));
  }

  /** Leaves its bridge and hangs up, as Asterisk reports it. */
  hangupChannel(ch: PeerChannel, cause: number): void {
    if (!this.table.has(ch.uniqueid)) return;
    if (ch.bridgeId) {
      const id = ch.bridgeId;
      const left = [...this.table.values()].filter((c) => c.bridgeId === id).length - 1;
      this.send(bridgeEvent('BridgeLeave', id, left, ch));
    }
    this.send(hangupEvent(ch, cause, HANGUP_TEXT[cause] ?? 'Unknown'));
  }

  /** Applies one sent event. Returns the Uniqueid of a channel that hung up, if any. */
  track(m: AmiMessage): string | undefined {
    const ev = (m.event ?? '').toLowerCase();
    const uid = m.value('Uniqueid');
    if (!uid) return undefined;
    if (ev === 'hangup') {
      this.table.delete(uid);
      return uid;
    }
    let ch = this.table.get(uid);
    if (!ch) {
      if (ev !== 'newchannel') return undefined;
      ch = {
        name: m.value('Channel') ?? 'Unknown/unknown',
        uniqueid: uid,
        linkedid: m.value('Linkedid') ?? uid,
        state: Number(m.value('ChannelState') ?? 0),
        callerNum: m.value('CallerIDNum') ?? '',
        callerName: m.value('CallerIDName') ?? '',
        connectedNum: m.value('ConnectedLineNum') ?? '',
        connectedName: m.value('ConnectedLineName') ?? '',
        context: m.value('Context') ?? 'default',
        exten: m.value('Exten') ?? 's',
        priority: Number(m.value('Priority') ?? 1),
        application: '',
        appData: '',
        bridgeId: undefined,
        createdAt: Date.now(),
      };
      this.table.set(uid, ch);
      return undefined;
    }
    const state = m.value('ChannelState');
    if (state !== undefined) ch.state = Number(state);
    const linked = m.value('Linkedid');
    if (linked) ch.linkedid = linked;
    const name = m.value('Channel');
    if (name) ch.name = name;
    const cid = m.value('CallerIDNum');
    if (cid) ch.callerNum = cid;
    const cname = m.value('CallerIDName');
    if (cname) ch.callerName = cname;
    const conn = m.value('ConnectedLineNum');
    if (conn) ch.connectedNum = conn;
    const connName = m.value('ConnectedLineName');
    if (connName) ch.connectedName = connName;
    if (ev === 'newexten') {
      ch.context = m.value('Context') ?? ch.context;
      ch.exten = m.value('Exten') ?? ch.exten;
      ch.priority = Number(m.value('Priority') ?? ch.priority);
      ch.application = m.value('Application') ?? ch.application;
      ch.appData = m.value('AppData') ?? ch.appData;
    }
    if (ev === 'bridgeenter') ch.bridgeId = m.value('BridgeUniqueid');
    if (ev === 'bridgeleave') ch.bridgeId = undefined;
    return undefined;
  }
}
