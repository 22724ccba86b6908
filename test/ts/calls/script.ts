/** Builds AMI event sequences for call-model tests and feeds them to a model (not a test file). */
import { AmiMessage } from '../../../bridge/src/ami/message';
import type { CallModel } from '../../../bridge/src/calls/model';
import { bridgeEvent, channelEvent, dialEvent, hangupEvent, type Pairs, type PeerChannel } from '../../../bridge/src/testpeer/builders';

export const T0 = 1_781_704_172; // seconds

export class Script {
  /** Seconds since T0 put in each event's Timestamp header. */
  t = 0;
  private n = 0;
  readonly sent: AmiMessage[] = [];

  constructor(private readonly model: CallModel) {}

  at(seconds: number): this {
    this.t = seconds;
    return this;
  }

  send(p: Pairs): void {
    const m = AmiMessage.from([...p, ['Timestamp', (T0 + this.t).toFixed(6)]]);
    this.sent.push(m);
    this.model.handleEvent(m);
  }

  chan(name: string, o: { linkedid?: string; uniqueid?: string; callerNum?: string; context?: string; exten?: string; state?: number } = {}): PeerChannel {
    this.n++;
    const uniqueid = o.uniqueid ?? `${T0}.${this.n}`;
    const ch: PeerChannel = {
      name,
      uniqueid,
      linkedid: o.linkedid ?? uniqueid,
      state: o.state ?? 4,
      callerNum: o.callerNum ?? '',
      callerName: '',
      connectedNum: '',
      connectedName: '',
      context: o.context ?? 'from-internal',
      exten: o.exten ?? 's',
      priority: 1,
      application: '',
      appData: '',
      bridgeId: undefined,
      createdAt: 0,
    };
    this.send(channelEvent('Newchannel', ch));
    return ch;
  }

  state(ch: PeerChannel, state: number): void {
    ch.state = state;
    this.send(channelEvent('Newstate', ch));
  }

  event(name: string, ch: PeerChannel, extra: Pairs = []): void {
    this.send(channelEvent(name, ch, extra));
  }

  dial(src: PeerChannel, dst: PeerChannel): void {
    this.send(dialEvent('DialBegin', src, dst, [['DialString', dst.name.split('-')[0] ?? '']]));
  }

  dialEnd(src: PeerChannel, dst: PeerChannel, status: string): void {
    this.send(dialEvent('DialEnd', src, dst, [['DialStatus', status]]));
  }

  bridge(id: string, ...chs: PeerChannel[]): void {
    chs.forEach((ch, i) => {
      ch.bridgeId = id;
      this.send(bridgeEvent('BridgeEnter', id, i + 1, ch));
    });
  }

  leave(ch: PeerChannel): void {
    if (ch.bridgeId) this.send(bridgeEvent('BridgeLeave', ch.bridgeId, 0, ch));
    ch.bridgeId = undefined;
  }

  hangup(ch: PeerChannel, cause = 16): void {
    this.send(hangupEvent(ch, cause, 'x'));
  }

  /** Changes a channel's Linkedid (as Asterisk does when bridging) and announces it. */
  relink(ch: PeerChannel, linkedid: string): void {
    ch.linkedid = linkedid;
    this.send(channelEvent('NewConnectedLine', ch));
  }
}

export const iso = (s: number): string => new Date((T0 + s) * 1000).toISOString();
