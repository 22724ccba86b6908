/**
 * AMI test peer: a TCP server that speaks enough Asterisk Manager Interface
 * for tests and the demo. It greets with the banner of the recorded FreePBX
 * (`Asterisk Call Manager/5.0.5`), accepts plain and MD5 logins, answers the
 * actions the bridge sends as Asterisk does, keeps a channel table (so
 * CoreShowChannels tells the truth), scripts calls (inbound ringing, answer,
 * hang-up, the flow that answers an async Originate) and replays event
 * sequences parsed from recorded captures with fresh ids.
 *
 * Every action received is recorded (`actions`, and the raw bytes in
 * `received`) so tests can assert on what reached the wire.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { AmiFramer } from '../ami/framer';
import { AmiMessage, type AmiFields } from '../ami/message';
import { encodeMessage } from '../ami/writer';
import { md5Key } from '../ami/actions';
import { bridgeEvent, channelEvent, coreShowChannel, dialEvent, hangupEvent, snapshot, HANGUP_TEXT, type Pairs, type PeerChannel } from './builders';
import { rewriteForPlayback } from './rewrite';

export type OriginateOutcome = 'answer' | 'agent-no-answer' | 'agent-busy' | 'congestion' | 'fail';

export interface AmiTestPeerOptions {
  username?: string;
  secret?: string;
  /** Version in the banner. */
  version?: string;
  /** Answer `Command` in the pre-Asterisk-14 `Response: Follows` format. */
  legacyCommand?: boolean;
  /** What happens after an Originate is queued. */
  originate?: OriginateOutcome;
  /** Whether the customer answers a click-to-call once the agent picked up. */
  customerAnswers?: boolean;
  /** Channel name of the trunk used for outgoing legs and inbound calls. */
  trunk?: string;
}

interface PeerCall {
  id: string;
  caller: string;
  callee: string | undefined;
  /** Other device legs ringing at the same time (a ring group); cancelled when one answers. */
  alsoRinging: string[];
  bridgeId: string | undefined;
  ringing: boolean;
}

interface Session {
  socket: net.Socket;
  authed: boolean;
  events: boolean;
  challenge: string | undefined;
}

let idSeq = 0;
let chanSeq = 0;
const epoch = Math.floor(Date.now() / 1000);

/** A Uniqueid in Asterisk's form (`<epoch>.<sequence>`), unique in this process. */
export function newUniqueid(): string {
  idSeq += 1;
  return `${epoch}.${900000 + idSeq}`;
}

function suffix(): string {
  chanSeq = (chanSeq + 1) % 0xffffffff;
  return chanSeq.toString(16).padStart(8, '0');
}

export class AmiTestPeer extends EventEmitter {
  readonly options: Required<Omit<AmiTestPeerOptions, 'trunk'>> & { trunk: string };
  /** Every action received, in order. */
  readonly actions: AmiMessage[] = [];
  /** Action names the peer receives but never answers (to test timeouts). */
  readonly ignore = new Set<string>();
  /** Action names (lowercase) the peer refuses with `Response: Error` (to test PBX refusals). */
  readonly refuse = new Set<string>();
  private receivedChunks: Buffer[] = [];
  private server: net.Server | undefined;
  private readonly sessions = new Set<Session>();
  private readonly table = new Map<string, PeerChannel>();
  private readonly calls = new Map<string, PeerCall>();
  private _port = 0;

  constructor(options: AmiTestPeerOptions = {}) {
    super();
    this.options = {
      username: options.username ?? 'bandeau',
      secret: options.secret ?? 'bandeau-secret',
      version: options.version ?? '5.0.5',
      legacyCommand: options.legacyCommand ?? false,
      originate: options.originate ?? 'answer',
      customerAnswers: options.customerAnswers ?? true,
      trunk: options.trunk ?? 'PJSIP/trunk',
    };
  }

  get port(): number {
    return this._port;
  }

  /** Raw bytes received from every client, as text. */
  get received(): string {
    return Buffer.concat(this.receivedChunks).toString('utf8');
  }

  /** Live channels, as CoreShowChannels would list them. */
  get channels(): PeerChannel[] {
    return [...this.table.values()].map((c) => ({ ...c }));
  }

  /** Logged-in client connections. */
  get clients(): number {
    let n = 0;
    for (const s of this.sessions) if (s.authed) n++;
    return n;
  }

  setOriginateOutcome(outcome: OriginateOutcome, customerAnswers = this.options.customerAnswers): void {
    this.options.originate = outcome;
    this.options.customerAnswers = customerAnswers;
  }

  /** Listens on 127.0.0.1 (port 0: any free port). Resolves with the port. */
  start(port = 0): Promise<number> {
    if (this.server) return Promise.resolve(this._port);
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const addr = server.address();
        this._port = typeof addr === 'object' && addr ? addr.port : port;
        resolve(this._port);
      });
    });
  }

  /** Kills every connection at once (as a crashing PBX would) and closes the server. */
  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sessions) s.socket.destroy();
    this.sessions.clear();
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  /** Closes client connections but keeps listening. */
  dropClients(): void {
    for (const s of this.sessions) s.socket.destroy();
    this.sessions.clear();
  }

  /** Writes raw bytes to every connected client (garbage, split frames…). */
  sendRaw(data: string | Buffer): void {
    for (const s of this.sessions) s.socket.write(data);
  }

  /** Sends one event to logged-in clients and applies it to the channel table. */
  sendEvent(fields: Pairs | AmiFields): void {
    const text = encodeMessage(fields);
    this.track(AmiMessage.from(fields));
    for (const s of this.sessions) if (s.authed && s.events) s.socket.write(text);
  }

  /**
   * Plays recorded events (e.g. parsed from a capture). By default ids are
   * rewritten (Uniqueid/Linkedid, channel suffixes, bridge ids, timestamps)
   * so playing the same capture twice gives two distinct calls.
   * Returns the rewritten events.
   */
  play(events: Array<AmiMessage | AmiFields>, options: { rewrite?: boolean } = {}): AmiMessage[] {
    const msgs = events.map((e) => (e instanceof AmiMessage ? e : AmiMessage.from(e))).filter((m) => m.kind === 'event');
    const out = options.rewrite === false ? msgs : rewriteForPlayback(msgs, { newUniqueid, suffix, now: () => Date.now() });
    for (const m of out) this.sendEvent(m.headers);
    return out;
  }

  // ------------------------------------------------------------------ call scripting

  /**
   * A call from the public network (`from`) ringing extension `toExtension` (and, like a ring
   * group, every extension of `alsoRing` at once). Returns the call id (Linkedid).
   */
  ringInbound(o: { from: string; toExtension: string; alsoRing?: string[]; uniqueid?: string; did?: string }): string {
    const trunk = this.newChannel({
      name: `${this.options.trunk}-${suffix()}`,
      uniqueid: o.uniqueid,
      state: 4,
      callerNum: o.from,
      context: 'from-pstn',
      exten: o.did ?? o.toExtension,
    });
    const dev = this.newChannel({
      name: `PJSIP/${o.toExtension}-${suffix()}`,
      linkedid: trunk.linkedid,
      state: 0,
      callerNum: o.toExtension,
      connectedNum: o.from,
      context: 'from-internal',
      exten: o.toExtension,
    });
    const legs = [dev];
    for (const ext of o.alsoRing ?? []) {
      legs.push(
        this.newChannel({ name: `PJSIP/${ext}-${suffix()}`, linkedid: trunk.linkedid, state: 0, callerNum: ext, connectedNum: o.from, context: 'from-internal', exten: ext }),
      );
    }
    this.calls.set(trunk.linkedid, { id: trunk.linkedid, caller: trunk.uniqueid, callee: dev.uniqueid, alsoRinging: legs.slice(1).map((l) => l.uniqueid), bridgeId: undefined, ringing: true });
    for (const leg of legs) {
      this.sendEvent(dialEvent('DialBegin', trunk, leg, [['DialString', `${leg.callerNum}/sip:${leg.callerNum}@192.0.2.10:5060`]]));
      this.setState(leg, 5);
      this.sendEvent(dialEvent('DialState', trunk, leg, [['DialStatus', 'RINGING']]));
    }
    return trunk.linkedid;
  }

  /**
   * The ringing leg of a call answers (with a ring group, the leg of `byExtension`): Up,
   * DialEnd ANSWER, both bridged; the other legs are cancelled ("answered elsewhere").
   */
  answer(callId: string, byExtension?: string): void {
    const call = this.calls.get(callId);
    if (!call || !call.ringing || !call.callee) return;
    if (byExtension !== undefined) {
      const legs = [call.callee, ...call.alsoRinging];
      const chosen = legs.find((u) => this.table.get(u)?.callerNum === byExtension);
      if (!chosen) return;
      call.callee = chosen;
      call.alsoRinging = legs.filter((u) => u !== chosen);
    }
    const trunkLeg = this.table.get(call.caller);
    for (const u of call.alsoRinging) {
      const leg = this.table.get(u);
      if (!leg || !trunkLeg) continue;
      this.sendEvent(dialEvent('DialEnd', trunkLeg, leg, [['DialStatus', 'CANCEL']]));
      this.hangupChannel(leg, 26);
    }
    call.alsoRinging = [];
    const caller = this.table.get(call.caller);
    const callee = this.table.get(call.callee);
    if (!caller || !callee) return;
    call.ringing = false;
    this.setState(callee, 6);
    this.sendEvent(dialEvent('DialEnd', caller, callee, [['DialStatus', 'ANSWER']]));
    if (caller.state !== 6) this.setState(caller, 6);
    const bridgeId = randomUUID();
    call.bridgeId = bridgeId;
    callee.bridgeId = bridgeId;
    this.sendEvent(bridgeEvent('BridgeEnter', bridgeId, 1, callee));
    caller.bridgeId = bridgeId;
    this.sendEvent(bridgeEvent('BridgeEnter', bridgeId, 2, caller));
  }

  /** The ringing leg is not answered and the caller lands in voicemail. */
  voicemail(callId: string): void {
    const call = this.calls.get(callId);
    if (!call?.callee) return;
    const caller = this.table.get(call.caller);
    const callee = this.table.get(call.callee);
    if (!caller || !callee) return;
    call.ringing = false;
    this.sendEvent(dialEvent('DialEnd', caller, callee, [['DialStatus', 'NOANSWER']]));
    this.hangupChannel(callee, 19);
    call.callee = undefined;
    Object.assign(caller, { context: 'macro-vm', exten: 's', priority: 1, application: 'VoiceMail', appData: `${callee.callerNum}@default` });
    this.sendEvent(channelEvent('Newexten', caller, [['Extension', 's'], ['Application', 'VoiceMail'], ['AppData', caller.appData]]));
    this.setState(caller, 6);
  }

  /** Hangs up every channel of a call (normal clearing unless a cause is given). */
  hangup(callId: string, cause = 16): void {
    const call = this.calls.get(callId);
    const members = [...this.table.values()].filter((c) => c.linkedid === callId || (call && (c.uniqueid === call.caller || c.uniqueid === call.callee)));
    if (call?.ringing && call.callee) {
      const caller = this.table.get(call.caller);
      for (const u of [call.callee, ...call.alsoRinging]) {
        const callee = this.table.get(u);
        if (caller && callee) this.sendEvent(dialEvent('DialEnd', caller, callee, [['DialStatus', 'CANCEL']]));
      }
    }
    for (const ch of members) this.hangupChannel(ch, cause);
    this.calls.delete(callId);
  }

  /** Hangs up every live call. */
  hangupAll(): void {
    for (const id of [...this.calls.keys()]) this.hangup(id);
    for (const ch of [...this.table.values()]) this.hangupChannel(ch, 16);
  }

  /** Id of the call a channel (by name or Uniqueid) belongs to. */
  callOf(channel: string): string | undefined {
    const ch = this.findChannel(channel);
    if (!ch) return undefined;
    for (const c of this.calls.values()) if (c.caller === ch.uniqueid || c.callee === ch.uniqueid) return c.id;
    return ch.linkedid;
  }

  // ------------------------------------------------------------------ channel table

  private newChannel(o: {
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
    this.sendEvent(channelEvent('Newchannel', ch));
    return this.table.get(uniqueid) ?? ch;
  }

  private setState(ch: PeerChannel, state: number): void {
    ch.state = state;
    this.sendEvent(channelEvent('Newstate', ch));
  }

  private hangupChannel(ch: PeerChannel, cause: number): void {
    if (!this.table.has(ch.uniqueid)) return;
    if (ch.bridgeId) {
      const id = ch.bridgeId;
      const left = [...this.table.values()].filter((c) => c.bridgeId === id).length - 1;
      this.sendEvent(bridgeEvent('BridgeLeave', id, left, ch));
    }
    this.sendEvent(hangupEvent(ch, cause, HANGUP_TEXT[cause] ?? 'Unknown'));
  }

  private findChannel(nameOrId: string): PeerChannel | undefined {
    const byId = this.table.get(nameOrId);
    if (byId) return byId;
    for (const c of this.table.values()) if (c.name === nameOrId) return c;
    return undefined;
  }

  /** Keeps the channel table in step with an event sent (scripted or played). */
  private track(m: AmiMessage): void {
    const ev = (m.event ?? '').toLowerCase();
    const uid = m.value('Uniqueid');
    if (!uid) return;
    if (ev === 'hangup') {
      this.table.delete(uid);
      for (const [id, c] of this.calls) {
        if (c.callee === uid) c.callee = undefined;
        if (c.caller === uid && ![...this.table.values()].some((x) => x.linkedid === id)) this.calls.delete(id);
      }
      return;
    }
    let ch = this.table.get(uid);
    if (!ch) {
      if (ev !== 'newchannel') return;
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
      return;
    }
    const state = m.value('ChannelState');
    if (state !== undefined) ch.state = Number(state);
    const linked = m.value('Linkedid');
    if (linked) ch.linkedid = linked;
    const name = m.value('Channel');
    if (name) ch.name = name;
    const cid = m.value('CallerIDNum');
    if (cid) ch.callerNum = cid;
    if (ev === 'newexten') {
      ch.application = m.value('Application') ?? ch.application;
      ch.appData = m.value('AppData') ?? ch.appData;
    }
    if (ev === 'bridgeenter') ch.bridgeId = m.value('BridgeUniqueid');
    if (ev === 'bridgeleave') ch.bridgeId = undefined;
  }

  // ------------------------------------------------------------------ sessions and actions

  private accept(socket: net.Socket): void {
    const session: Session = { socket, authed: false, events: true, challenge: undefined };
    this.sessions.add(session);
    socket.setNoDelay(true);
    const framer = new AmiFramer({
      message: (m) => this.onAction(session, m),
      error: () => socket.destroy(),
    });
    socket.on('data', (chunk: Buffer) => {
      this.receivedChunks.push(Buffer.from(chunk));
      framer.push(chunk);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.sessions.delete(session));
    socket.write(`Asterisk Call Manager/${this.options.version}\r\n`);
    this.emit('connection');
  }

  private reply(s: Session, fields: Pairs): void {
    if (!s.socket.destroyed) s.socket.write(encodeMessage(fields));
  }

  private onAction(s: Session, m: AmiMessage): void {
    this.actions.push(m);
    this.emit('action', m);
    const name = (m.get('action') ?? '').trim().toLowerCase();
    if (this.ignore.has(name)) return;
    const id: Pairs = m.has('actionid') ? [['ActionID', m.get('actionid') ?? '']] : [];
    const ok = (extra: Pairs = []): void => this.reply(s, [['Response', 'Success'], ...id, ...extra]);
    const error = (message: string): void => this.reply(s, [['Response', 'Error'], ...id, ['Message', message]]);
    switch (name) {
      case 'login':
        return this.login(s, m, ok, error);
      case 'challenge':
        if ((m.get('authtype') ?? '').toLowerCase() !== 'md5') return error('Must specify AuthType');
        s.challenge = String(100000000 + (randomBytes(4).readUInt32BE(0) % 900000000));
        return ok([['Challenge', s.challenge]]);
      case 'logoff':
        this.reply(s, [['Response', 'Goodbye'], ...id, ['Message', 'Thanks for all the fish.']]);
        s.socket.end();
        return;
    }
    if (!s.authed || this.refuse.has(name)) return error('Permission denied');
    switch (name) {
      case 'ping':
        return ok([
          ['Ping', 'Pong'],
          ['Timestamp', (Date.now() / 1000).toFixed(6)],
        ]);
      case 'coreshowchannels': {
        const aid = m.get('actionid') ?? '';
        ok([
          ['EventList', 'start'],
          ['Message', 'Channels will follow'],
        ]);
        const now = Date.now();
        const list = [...this.table.values()];
        for (const ch of list) this.reply(s, coreShowChannel(ch, aid, now));
        this.reply(s, [
          ['Event', 'CoreShowChannelsComplete'],
          ['ActionID', aid],
          ['EventList', 'Complete'],
          ['ListItems', String(list.length)],
        ]);
        return;
      }
      case 'originate':
        return this.originate(m, ok, error);
      case 'hangup': {
        const ch = this.channelArg(m.get('channel'));
        if (!ch) return error('No such channel');
        ok([['Message', 'Channel Hungup']]);
        const callId = this.callOf(ch.uniqueid);
        if (callId) this.hangup(callId);
        else this.hangupChannel(ch, 16);
        return;
      }
      case 'redirect':
        if (!this.channelArg(m.get('channel'))) return error('Channel specified does not exist');
        return ok([['Message', 'Redirect successful']]);
      case 'blindtransfer':
        return this.blindTransfer(m, ok, error);
      case 'atxfer':
        if (!this.channelArg(m.get('channel'))) return error('No such channel');
        return ok([['Message', 'Atxfer successfully queued']]);
      case 'park':
        if (!this.channelArg(m.get('channel'))) return error('Channel does not exist');
        return ok([['Message', 'Park successful']]);
      case 'bridge':
        if (!this.channelArg(m.get('channel1')) || !this.channelArg(m.get('channel2'))) return error('Channel does not exist');
        return ok([['Message', 'Channels have been bridged']]);
      case 'playdtmf':
        if (!this.channelArg(m.get('channel'))) return error('Channel not found');
        if (!/^[0-9*#A-Da-d]$/.test(m.get('digit') ?? '')) return error('No digit specified');
        return ok([['Message', 'DTMF successfully queued']]);
      case 'command':
        return this.command(s, m, id);
      default:
        return error('Invalid/unknown command');
    }
  }

  private login(s: Session, m: AmiMessage, ok: (p?: Pairs) => void, error: (msg: string) => void): void {
    const user = m.get('username');
    let good = user === this.options.username;
    if ((m.get('authtype') ?? '').toLowerCase() === 'md5') {
      good = good && s.challenge !== undefined && m.get('key') === md5Key(s.challenge, this.options.secret);
    } else {
      good = good && m.get('secret') === this.options.secret;
    }
    if (!good) return error('Authentication failed');
    s.authed = true;
    s.events = (m.get('events') ?? 'on').toLowerCase() !== 'off';
    ok([['Message', 'Authentication accepted']]);
    this.reply(s, [
      ['Event', 'FullyBooted'],
      ['Privilege', 'system,all'],
      ['Uptime', '1'],
      ['LastReload', '1'],
      ['Status', 'Fully Booted'],
    ]);
    this.emit('login');
  }

  private channelArg(name: string | undefined): PeerChannel | undefined {
    return name ? this.findChannel(name) : undefined;
  }

  private command(s: Session, m: AmiMessage, id: Pairs): void {
    const cmd = (m.get('command') ?? '').trim();
    const lines =
      cmd === 'core show version'
        ? [`Asterisk 16.30.0 built by bandeau-testpeer`]
        : cmd === 'core show channels'
          ? ['Channel              Location             State   Application(Data)', ...[...this.table.values()].map((c) => `${c.name} ${c.exten}@${c.context} ${c.state}`), `${this.table.size} active channels`]
          : [`No such command '${cmd.slice(0, 40)}' (type 'core show help ${cmd.split(' ')[0] ?? ''}' for other possible commands)`];
    if (this.options.legacyCommand) {
      const head = encodeMessage([['Response', 'Follows'], ['Privilege', 'Command'], ...id]).slice(0, -2);
      s.socket.write(`${head}${lines.join('\r\n')}\r\n--END COMMAND--\r\n\r\n`);
      return;
    }
    this.reply(s, [['Response', 'Success'], ...id, ['Message', 'Command output follows'], ...lines.map((l): [string, string] => ['Output', l])]);
  }

  private originate(m: AmiMessage, ok: (p?: Pairs) => void, error: (msg: string) => void): void {
    const channel = m.get('channel') ?? '';
    const exten = m.get('exten') ?? '';
    const context = m.get('context') ?? 'default';
    if (!/^[A-Za-z0-9]+\/[^\s]+$/.test(channel) || !exten) return error('Channel and Exten are required');
    if ((m.get('async') ?? '').toLowerCase() !== 'true') return error('Only async originate is scripted by the test peer');
    const actionId = m.get('actionid') ?? '';
    const cid = /<([^>]*)>/.exec(m.get('callerid') ?? '')?.[1] ?? '';
    ok([['Message', 'Originate successfully queued']]);
    setImmediate(() => this.originateFlow({ actionId, channel, exten, context, cid, channelId: m.value('channelid') }));
  }

  private originateFlow(o: { actionId: string; channel: string; exten: string; context: string; cid: string; channelId: string | undefined }): void {
    const outcome = this.options.originate;
    const response = (ch: PeerChannel | undefined, success: boolean, reason: number): void =>
      this.sendEvent([
        ['Event', 'OriginateResponse'],
        ['Privilege', 'call,all'],
        ['ActionID', o.actionId],
        ['Response', success ? 'Success' : 'Failure'],
        ['Channel', ch?.name ?? o.channel],
        ['Context', o.context],
        ['Exten', o.exten],
        ['Reason', String(reason)],
        ['Uniqueid', ch?.uniqueid ?? '<null>'],
        ['CallerIDNum', o.cid || '<unknown>'],
        ['CallerIDName', '<unknown>'],
      ]);
    if (outcome === 'fail') return response(undefined, false, 0);
    const agent = this.newChannel({ name: `${o.channel}-${suffix()}`, uniqueid: o.channelId, state: 0, callerNum: o.cid, context: o.context, exten: o.exten });
    this.calls.set(agent.linkedid, { id: agent.linkedid, caller: agent.uniqueid, callee: undefined, alsoRinging: [], bridgeId: undefined, ringing: true });
    this.setState(agent, 5);
    if (outcome !== 'answer') {
      const [cause, reason] = outcome === 'agent-busy' ? [17, 5] : outcome === 'congestion' ? [34, 8] : [19, 3];
      this.hangupChannel(agent, cause);
      this.calls.delete(agent.linkedid);
      return response(agent, false, reason);
    }
    this.setState(agent, 6);
    response(agent, true, 4);
    const trunk = this.newChannel({
      name: `${this.options.trunk}-${suffix()}`,
      linkedid: agent.linkedid,
      state: 0,
      callerNum: o.exten,
      connectedNum: agent.callerNum,
      context: 'from-internal',
      exten: 's',
    });
    const call = this.calls.get(agent.linkedid);
    if (call) call.callee = trunk.uniqueid;
    this.sendEvent(dialEvent('DialBegin', agent, trunk, [['DialString', `trunk/sip:${o.exten}@198.51.100.1`]]));
    this.setState(trunk, 5);
    if (this.options.customerAnswers) this.answer(agent.linkedid);
  }

  private blindTransfer(m: AmiMessage, ok: (p?: Pairs) => void, error: (msg: string) => void): void {
    const transferer = this.channelArg(m.get('channel'));
    const exten = m.get('exten') ?? '';
    if (!transferer) return error('No such channel');
    if (!exten) return error('No extension specified');
    const callId = this.callOf(transferer.uniqueid);
    const call = callId ? this.calls.get(callId) : undefined;
    const otherUid = call ? (call.caller === transferer.uniqueid ? call.callee : call.caller) : undefined;
    const transferee = otherUid ? this.table.get(otherUid) : undefined;
    if (!call || !transferee) return error('Transfer failed');
    ok([['Message', 'Transfer succeeded']]);
    this.sendEvent([
      ['Event', 'BlindTransfer'],
      ['Privilege', 'call,all'],
      ['Result', 'Success'],
      ...snapshot(transferer, 'Transferer'),
      ...snapshot(transferee, 'Transferee'),
      ['IsExternal', 'No'],
      ['Context', m.get('context') ?? 'from-internal'],
      ['Extension', exten],
    ]);
    this.hangupChannel(transferer, 16);
    if (transferee.bridgeId) this.sendEvent(bridgeEvent('BridgeLeave', transferee.bridgeId, 0, transferee));
    const target = this.newChannel({
      name: `PJSIP/${exten}-${suffix()}`,
      linkedid: transferee.linkedid,
      state: 0,
      callerNum: exten,
      connectedNum: transferee.callerNum,
      context: 'from-internal',
      exten,
    });
    call.caller = transferee.uniqueid;
    call.callee = target.uniqueid;
    call.ringing = true;
    this.sendEvent(dialEvent('DialBegin', transferee, target, [['DialString', exten]]));
    this.setState(target, 5);
  }
}

export interface AmiTestPeer {
  on(event: 'action', listener: (m: AmiMessage) => void): this;
  on(event: 'login' | 'connection', listener: () => void): this;
  on(event: string, listener: (...args: any[]) => void): this;
}
