/**
 * AMI test peer: a TCP server that speaks enough Asterisk Manager Interface
 * for tests and the demo. It greets with the banner of the recorded FreePBX
 * (`Asterisk Call Manager/5.0.5`), accepts plain and MD5 logins, answers the
 * actions the bridge sends as Asterisk does, keeps a channel table (so
 * CoreShowChannels tells the truth), scripts simple calls (scriptedCalls.ts),
 * plays recorded Asterisk 22 call flows step by step, answering the bridge's
 * actions as the recording did (recordedPlayer.ts), and replays event
 * sequences parsed from captures with fresh ids.
 *
 * Every action received is recorded (`actions`, and the raw bytes in
 * `received`) so tests can assert on what reached the wire.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { AmiFramer } from '../ami/framer';
import { AmiMessage, type AmiFields } from '../ami/message';
import { encodeMessage } from '../ami/writer';
import { md5Key } from '../ami/actions';
import { coreShowChannel, snapshot, type Pairs, type PeerChannel } from './builders';
import { ChannelTable, newSuffix, newUniqueid } from './channelTable';
import { RecordedPlayer } from './recordedPlayer';
import { defaultCapturesDir } from './recording';
import { rewriteForPlayback } from './rewrite';
import { ScriptedCalls, type OriginateOutcome } from './scriptedCalls';
import { ScriptedControls } from './scriptedControls';
import { PeerQueues, type QueueMemberSpec } from './queues';

export { newUniqueid };
export type { OriginateOutcome };

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
  /** Directory of the recorded Asterisk streams (default `<repo>/../shared/asterisk/captures`). */
  capturesDir?: string;
  /** Call queues and their members (default: the recorded test PBX's queue 88, see queues.ts). */
  queues?: Record<string, QueueMemberSpec[]>;
}

interface Session {
  /** Numbered from 1 in the order clients connected: tells several bridges apart in 'action' and 'login'. */
  id: number;
  socket: net.Socket;
  authed: boolean;
  events: boolean;
  challenge: string | undefined;
}

export class AmiTestPeer extends EventEmitter {
  readonly options: Required<Omit<AmiTestPeerOptions, 'trunk' | 'capturesDir' | 'queues'>> & { trunk: string };
  /** Every action received, in order. */
  readonly actions: AmiMessage[] = [];
  /** Action names the peer receives but never answers (to test timeouts). */
  readonly ignore = new Set<string>();
  /** Action names (lowercase) the peer refuses with `Response: Error` (to test PBX refusals). */
  readonly refuse = new Set<string>();
  /** Recorded call flows played through this peer. */
  readonly recorded: RecordedPlayer;
  private receivedChunks: Buffer[] = [];
  private server: net.Server | undefined;
  private readonly sessions = new Set<Session>();
  private sessionSeq = 0;
  private readonly table = new ChannelTable((fields) => this.sendEvent(fields));
  private readonly scripted: ScriptedCalls;
  /** Hold, unhold and attended transfers on scripted calls (scriptedControls.ts). */
  private readonly controls: ScriptedControls;
  /** Call queues, for QueuePause and QueueStatus. */
  readonly queues: PeerQueues;
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
    this.controls = new ScriptedControls(this.table, (fields) => this.sendEvent(fields));
    this.queues = new PeerQueues(options.queues);
    this.scripted = new ScriptedCalls(this.table, (fields) => this.sendEvent(fields), {
      trunk: this.options.trunk,
      originate: () => this.options.originate,
      customerAnswers: () => this.options.customerAnswers,
    });
    this.recorded = new RecordedPlayer(
      {
        sendEvent: (m) => this.sendEvent(m.headers),
        liveOf: (uids) => this.table.values().filter((c) => uids.has(c.uniqueid)),
        hangupChannel: (uid, cause) => {
          const ch = this.table.get(uid);
          if (ch) this.table.hangupChannel(ch, cause);
        },
      },
      { newUniqueid, suffix: newSuffix, now: () => Date.now() },
      options.capturesDir ?? defaultCapturesDir(),
    );
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
    return this.table.values().map((c) => ({ ...c }));
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
    this.withhold(fields);
    for (const s of this.sessions) if (s.authed && s.events) s.socket.write(text);
  }

  /**
   * Applies an event to the channel table without sending it: what happened on the PBX but
   * never reached the AMI client (events a FreePBX user is not sent, a link that was down).
   * CoreShowChannels still tells the truth about it.
   */
  withhold(fields: Pairs | AmiFields): void {
    const gone = this.table.track(AmiMessage.from(fields));
    if (gone) {
      this.scripted.channelGone(gone);
      this.controls.channelGone(gone);
    }
  }

  /**
   * Plays recorded events (e.g. parsed from a capture). By default ids are
   * rewritten (Uniqueid/Linkedid, channel suffixes, bridge ids, timestamps)
   * so playing the same capture twice gives two distinct calls.
   * Returns the rewritten events.
   */
  play(events: Array<AmiMessage | AmiFields>, options: { rewrite?: boolean; hide?: (m: AmiMessage) => boolean } = {}): AmiMessage[] {
    const msgs = events.map((e) => (e instanceof AmiMessage ? e : AmiMessage.from(e))).filter((m) => m.kind === 'event');
    const out = options.rewrite === false ? msgs : rewriteForPlayback(msgs, { newUniqueid, suffix: newSuffix, now: () => Date.now() });
    // `hide`: events the PBX lives through but the client is not sent (see withhold).
    for (const m of out) {
      if (options.hide?.(m)) this.withhold(m.headers);
      else this.sendEvent(m.headers);
    }
    return out;
  }

  // ------------------------------------------------------------------ call scripting (scriptedCalls.ts)

  /**
   * A call from the public network (`from`) ringing extension `toExtension` (and, like a ring
   * group, every extension of `alsoRing` at once). Returns the call id (Linkedid).
   */
  ringInbound(o: { from: string; toExtension: string; alsoRing?: string[]; uniqueid?: string; did?: string }): string {
    return this.scripted.ringInbound(o);
  }

  /**
   * The caller's channel of an inbound call before its dialplan dials anyone (Newchannel only);
   * `ringInbound({ uniqueid: channel.uniqueid, … })` then rings from it. See ScriptedCalls.
   */
  inboundChannel(o: { from: string; toExtension: string; did?: string }): PeerChannel {
    return { ...this.scripted.inboundChannel(o) };
  }

  /**
   * Channel variables the dialplan sets on a live channel (an AGI's SET VARIABLE, a Set()): one
   * VarSet event each, as Asterisk sends them (`Privilege: dialplan,all`, snapshot, Variable, Value).
   */
  setVariables(uniqueid: string, variables: Array<[string, string]>): void {
    const ch = this.table.get(uniqueid);
    if (!ch) return;
    for (const [name, value] of variables) {
      this.sendEvent([['Event', 'VarSet'], ['Privilege', 'dialplan,all'], ...snapshot(ch), ['Variable', name], ['Value', value]]);
    }
  }

  /**
   * The ringing leg of a call answers (with a ring group, the leg of `byExtension`): Up,
   * DialEnd ANSWER, both bridged; the other legs are cancelled ("answered elsewhere").
   */
  answer(callId: string, byExtension?: string): void {
    // The target of an attended transfer answers before anyone else rings on that call.
    if (this.controls.answerConsult(callId, byExtension)) return;
    this.scripted.answer(callId, byExtension);
  }

  /** The ringing leg is not answered and the caller lands in voicemail. */
  voicemail(callId: string): void {
    this.scripted.voicemail(callId);
  }

  /** Hangs up every channel of a call (normal clearing unless a cause is given). */
  hangup(callId: string, cause = 16): void {
    this.scripted.hangup(callId, cause);
  }

  /** Hangs up every live call, recorded flows included (which stop there). */
  hangupAll(): void {
    this.recorded.abortAll();
    this.scripted.hangupAll();
  }

  /** Id of the call a channel (by name or Uniqueid) belongs to. */
  callOf(channel: string): string | undefined {
    return this.scripted.callOf(channel);
  }

  // ------------------------------------------------------------------ sessions and actions

  private accept(socket: net.Socket): void {
    const session: Session = { id: ++this.sessionSeq, socket, authed: false, events: true, challenge: undefined };
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
    this.emit('action', m, s.id);
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
    // A recorded flow answers the actions on its channels as the recording did.
    if (this.recorded.handleAction(m, (fields) => this.reply(s, fields))) return;
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
        const list = this.table.values();
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
        if (this.scripted.declineLeg(ch.uniqueid, Number(m.get('cause') ?? 16) || 16)) return;
        if (this.controls.hangup(ch)) return;
        const callId = this.callOf(ch.uniqueid);
        if (callId) this.hangup(callId);
        else this.table.hangupChannel(ch, 16);
        return;
      }
      case 'redirect':
        return this.controls.redirect(m, ok, error);
      case 'blindtransfer':
        return this.scripted.blindTransfer(m, ok, error);
      case 'atxfer':
        return this.controls.atxfer(m, ok, error);
      case 'cancelatxfer':
        return this.controls.cancelAtxfer(m, ok, error);
      case 'park':
        if (!this.channelArg(m.get('channel'))) return error('Channel does not exist');
        return ok([['Message', 'Park successful']]);
      case 'bridge':
        return this.controls.bridge(m, ok, error);
      case 'queuepause':
        return this.queues.pause(m, (f) => this.reply(s, f), (f) => this.sendEvent(f), id);
      case 'queuestatus':
        return this.queues.status(m, (f) => this.reply(s, f), id);
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
    this.emit('login', s.id);
  }

  private channelArg(name: string | undefined): PeerChannel | undefined {
    return name ? this.table.find(name) : undefined;
  }

  private command(s: Session, m: AmiMessage, id: Pairs): void {
    const cmd = (m.get('command') ?? '').trim();
    const lines =
      cmd === 'core show version'
        ? [`Asterisk 16.30.0 built by bandeau-testpeer`]
        : cmd === 'core show channels'
          ? ['Channel              Location             State   Application(Data)', ...this.table.values().map((c) => `${c.name} ${c.exten}@${c.context} ${c.state}`), `${this.table.size} active channels`]
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
    setImmediate(() => this.scripted.originateFlow({ actionId, channel, exten, context, cid, channelId: m.value('channelid') }));
  }
}

export interface AmiTestPeer {
  /** Every action received, with the number of the session (client connection) that sent it. */
  on(event: 'action', listener: (m: AmiMessage, session: number) => void): this;
  /** A client logged in, on this session. */
  on(event: 'login', listener: (session: number) => void): this;
  on(event: 'connection', listener: () => void): this;
  on(event: string, listener: (...args: any[]) => void): this;
}
