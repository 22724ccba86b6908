/**
 * Event builders for the test peer. The header sets and their order are
 * those of the recorded FreePBX/Asterisk 16 stream (pyfreepbx/answered.txt):
 * a channel snapshot block (Channel … Linkedid) after `Event` and `Privilege`,
 * `Dest`-prefixed snapshots for Dial events, bridge headers before the
 * channel for Bridge events.
 */
export type Pairs = Array<[string, string]>;

export interface PeerChannel {
  name: string;
  uniqueid: string;
  linkedid: string;
  state: number;
  callerNum: string;
  callerName: string;
  connectedNum: string;
  connectedName: string;
  context: string;
  exten: string;
  priority: number;
  application: string;
  appData: string;
  bridgeId: string | undefined;
  createdAt: number;
}

export const STATE_DESC: Record<number, string> = {
  0: 'Down',
  1: 'Rsrvd',
  2: 'OffHook',
  3: 'Dialing',
  4: 'Ring',
  5: 'Ringing',
  6: 'Up',
  7: 'Busy',
};

const orUnknown = (s: string): string => (s === '' ? '<unknown>' : s);

/** The channel snapshot block, with an optional key prefix (`Dest`). */
export function snapshot(ch: PeerChannel, prefix = ''): Pairs {
  return [
    [`${prefix}Channel`, ch.name],
    [`${prefix}ChannelState`, String(ch.state)],
    [`${prefix}ChannelStateDesc`, STATE_DESC[ch.state] ?? 'Unknown'],
    [`${prefix}CallerIDNum`, orUnknown(ch.callerNum)],
    [`${prefix}CallerIDName`, orUnknown(ch.callerName)],
    [`${prefix}ConnectedLineNum`, orUnknown(ch.connectedNum)],
    [`${prefix}ConnectedLineName`, orUnknown(ch.connectedName)],
    [`${prefix}Language`, 'en'],
    [`${prefix}AccountCode`, ''],
    [`${prefix}Context`, ch.context],
    [`${prefix}Exten`, ch.exten],
    [`${prefix}Priority`, String(ch.priority)],
    [`${prefix}Uniqueid`, ch.uniqueid],
    [`${prefix}Linkedid`, ch.linkedid],
  ];
}

export function channelEvent(event: string, ch: PeerChannel, extra: Pairs = []): Pairs {
  return [['Event', event], ['Privilege', 'call,all'], ...snapshot(ch), ...extra];
}

export function dialEvent(event: 'DialBegin' | 'DialState' | 'DialEnd', src: PeerChannel, dst: PeerChannel, extra: Pairs): Pairs {
  return [['Event', event], ['Privilege', 'call,all'], ...snapshot(src), ...snapshot(dst, 'Dest'), ...extra];
}

export function bridgeEvent(event: 'BridgeEnter' | 'BridgeLeave', bridgeId: string, members: number, ch: PeerChannel): Pairs {
  return [
    ['Event', event],
    ['Privilege', 'call,all'],
    ['BridgeUniqueid', bridgeId],
    ['BridgeType', 'basic'],
    ['BridgeTechnology', 'simple_bridge'],
    ['BridgeCreator', '<unknown>'],
    ['BridgeName', '<unknown>'],
    ['BridgeNumChannels', String(members)],
    ['BridgeVideoSourceMode', 'none'],
    ...snapshot(ch),
  ];
}

export function hangupEvent(ch: PeerChannel, cause: number, causeText: string): Pairs {
  return channelEvent('Hangup', ch, [
    ['Cause', String(cause)],
    ['Cause-txt', causeText],
  ]);
}

export function coreShowChannel(ch: PeerChannel, actionId: string, nowMs: number): Pairs {
  const secs = Math.max(0, Math.floor((nowMs - ch.createdAt) / 1000));
  const hh = String(Math.floor(secs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((secs % 3600) / 60)).padStart(2, '0');
  const ss = String(secs % 60).padStart(2, '0');
  return [
    ['Event', 'CoreShowChannel'],
    ['ActionID', actionId],
    ...snapshot(ch),
    ['Application', ch.application],
    ['ApplicationData', ch.appData],
    ['Duration', `${hh}:${mm}:${ss}`],
    ['BridgeId', ch.bridgeId ?? ''],
  ];
}

export const HANGUP_TEXT: Record<number, string> = {
  16: 'Normal Clearing',
  17: 'User busy',
  19: 'No answer',
  21: 'Call Rejected',
  26: 'Answered elsewhere',
  34: 'Circuit/channel congestion',
};

