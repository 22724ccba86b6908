/**
 * Builders for the AMI actions the bridge sends. They only shape headers;
 * the writer (writer.ts) still refuses control characters in every value.
 */
import { createHash } from 'node:crypto';

export type ActionFields = Record<string, string | number | boolean | readonly string[] | undefined>;

/** MD5 challenge response: md5(challenge + secret), lowercase hex. */
export function md5Key(challenge: string, secret: string): string {
  return createHash('md5').update(challenge + secret).digest('hex');
}

export const actions = {
  challenge: (): ActionFields => ({ Action: 'Challenge', AuthType: 'MD5' }),
  loginPlain: (username: string, secret: string, events: string): ActionFields => ({
    Action: 'Login',
    Username: username,
    Secret: secret,
    Events: events,
  }),
  loginMd5: (username: string, key: string, events: string): ActionFields => ({
    Action: 'Login',
    AuthType: 'MD5',
    Username: username,
    Key: key,
    Events: events,
  }),
  ping: (): ActionFields => ({ Action: 'Ping' }),
  logoff: (): ActionFields => ({ Action: 'Logoff' }),
  coreShowChannels: (): ActionFields => ({ Action: 'CoreShowChannels' }),
  command: (command: string): ActionFields => ({ Action: 'Command', Command: command }),
  originate: (o: {
    channel: string;
    context: string;
    exten: string;
    priority: number;
    callerId?: string;
    timeoutMs: number;
    channelId?: string;
    otherChannelId?: string;
    variables?: Record<string, string>;
    account?: string;
  }): ActionFields => ({
    Action: 'Originate',
    Channel: o.channel,
    Context: o.context,
    Exten: o.exten,
    Priority: o.priority,
    CallerID: o.callerId,
    Timeout: o.timeoutMs,
    Async: 'true',
    ChannelId: o.channelId,
    OtherChannelId: o.otherChannelId,
    Account: o.account,
    Variable: o.variables ? Object.entries(o.variables).map(([k, v]) => `${k}=${v}`) : undefined,
  }),
  hangup: (channel: string, cause?: number): ActionFields => ({ Action: 'Hangup', Channel: channel, Cause: cause }),
  redirect: (o: {
    channel: string;
    context: string;
    exten: string;
    priority: number;
    extraChannel?: string;
    extraContext?: string;
    extraExten?: string;
    extraPriority?: number;
  }): ActionFields => ({
    Action: 'Redirect',
    Channel: o.channel,
    Context: o.context,
    Exten: o.exten,
    Priority: o.priority,
    ExtraChannel: o.extraChannel,
    ExtraContext: o.extraContext,
    ExtraExten: o.extraExten,
    ExtraPriority: o.extraPriority,
  }),
  blindTransfer: (channel: string, context: string, exten: string): ActionFields => ({
    Action: 'BlindTransfer',
    Channel: channel,
    Context: context,
    Exten: exten,
  }),
  atxfer: (channel: string, context: string, exten: string): ActionFields => ({
    Action: 'Atxfer',
    Channel: channel,
    Context: context,
    Exten: exten,
  }),
  /** Cancels an attended transfer's consultation (Asterisk 13.18+: the atxferabort feature on the transferer). */
  cancelAtxfer: (channel: string): ActionFields => ({ Action: 'CancelAtxfer', Channel: channel }),
  /** Pauses or resumes a queue member; without Queue, in every queue it belongs to. */
  queuePause: (o: { interface: string; paused: boolean; reason?: string; queue?: string }): ActionFields => ({
    Action: 'QueuePause',
    Interface: o.interface,
    Paused: o.paused ? 'true' : 'false',
    Queue: o.queue,
    Reason: o.reason,
  }),
  queueStatus: (o: { queue?: string; member?: string } = {}): ActionFields => ({ Action: 'QueueStatus', Queue: o.queue, Member: o.member }),
  park: (channel: string, timeoutChannel?: string, parkinglot?: string): ActionFields => ({
    Action: 'Park',
    Channel: channel,
    TimeoutChannel: timeoutChannel,
    Parkinglot: parkinglot,
  }),
  bridge: (channel1: string, channel2: string): ActionFields => ({ Action: 'Bridge', Channel1: channel1, Channel2: channel2, Tone: 'no' }),
  playDtmf: (channel: string, digit: string, durationMs?: number): ActionFields => ({
    Action: 'PlayDTMF',
    Channel: channel,
    Digit: digit,
    Duration: durationMs,
  }),
};

/** OriginateResponse `Reason` codes (Asterisk's AST_CONTROL values). */
export const ORIGINATE_REASON = {
  FAILED: 0,
  HANGUP: 1,
  RINGING: 3,
  ANSWERED: 4,
  BUSY: 5,
  CONGESTION: 8,
} as const;

export type OriginateOutcome = 'answered' | 'no-answer' | 'busy' | 'congestion' | 'failed';

export function originateOutcome(reason: string | number | undefined): OriginateOutcome {
  switch (Number(reason)) {
    case 4:
      return 'answered';
    case 3:
      return 'no-answer';
    case 5:
      return 'busy';
    case 8:
      return 'congestion';
    default:
      return 'failed';
  }
}
