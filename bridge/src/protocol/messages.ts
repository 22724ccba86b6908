/**
 * The one definition of every message that travels bridge <-> worker <-> page, and of the
 * page config Magento renders. Each message is a zod schema (runtime validation) and its
 * inferred type. The bridge (Node) and the worker bundle import this file; it uses `zod/mini`.
 * The page bundle takes only its types (and pageSide.ts's few zod-free values): the schemas reach
 * a page in a lazy chunk, when it checks one of Magento's answers (frontend-ts/src/page/protocolChecks.ts).
 */
import * as z from 'zod/mini';
import { LOCALE_PATTERN, PAGE_CONFIG_DEFAULTS } from './pageSide';

/** Bumped when a message changes incompatibly; sent in the snapshot. */
export const PROTOCOL_VERSION = 1;

/** Socket.io event name that carries every bridge -> client message. */
export const SERVER_EVENT = 'bandeau';
/** Socket.io event name that carries every client -> bridge command. */
export const CLIENT_EVENT = 'bandeau:cmd';

// ---------------------------------------------------------------- building blocks

const str = (max: number) => z.string().check(z.maxLength(max));
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
/** Short text that will travel on to the PBX or into logs: bounded, no control characters. */
const safeText = (max: number) => z.string().check(z.maxLength(max), z.regex(NO_CONTROL, 'control characters are not allowed'));
const ref = z.optional(str(64));
const int = () => z.number().check(z.int());

/**
 * Presence: `available` takes queue calls; `busy`, `away` and `dnd` (do not disturb) pause the
 * agent's queue memberships on the PBX (AMI QueuePause) and keep the bar quiet; `offline` is how
 * colleagues who are not connected appear.
 */
export const AgentStatus = z.enum(['available', 'busy', 'away', 'dnd', 'offline']);
export type AgentStatus = z.infer<typeof AgentStatus>;

export const CallDirection = z.enum(['inbound', 'outbound', 'internal']);
export type CallDirection = z.infer<typeof CallDirection>;

/**
 * A call as one agent sees it: `ringing` (their phone rings, a transfer target's too), `answered`
 * (talking), `held` (someone in their conversation is on hold), `transferring` (an attended
 * transfer's consultation is going on), `transferred` (passed on, nobody has it yet), `parked`
 * (waiting in a parking lot), `ended`.
 */
export const CallState = z.enum(['ringing', 'answered', 'held', 'transferring', 'transferred', 'parked', 'ended']);
export type CallState = z.infer<typeof CallState>;

export const CallDisposition = z.enum(['answered', 'missed', 'abandoned', 'busy', 'failed', 'voicemail']);
export type CallDisposition = z.infer<typeof CallDisposition>;

export const CallId = z.string().check(z.minLength(1), z.maxLength(128), z.regex(NO_CONTROL, 'control characters are not allowed'));
export const Extension = z.string().check(z.minLength(1), z.maxLength(32), z.regex(/^[0-9A-Za-z*#_-]+$/, 'extension must be digits, letters, * # _ -'));
/** A phone number as typed by a human; the bridge validates and normalises it. */
export const DialString = z.string().check(z.minLength(1), z.maxLength(64), z.regex(NO_CONTROL, 'control characters are not allowed'));

export const CustomerCard = z.object({
  customerId: z.number().check(z.int(), z.positive()),
  name: str(255),
  email: z.optional(str(255)),
  group: z.optional(str(255)),
  lifetimeSales: z.optional(str(64)),
  /** Admin URLs (with Magento's secret key) to open the customer or start an order for them. */
  url: z.optional(str(2048)),
  createOrderUrl: z.optional(str(2048)),
  lastOrders: z.optional(
    z.array(z.object({ incrementId: str(64), status: str(64), grandTotal: str(64), createdAt: z.optional(str(40)), url: z.optional(str(2048)) })).check(z.maxLength(10)),
  ),
  openCart: z.optional(z.nullable(z.object({ items: z.number().check(z.int(), z.nonnegative()), total: str(64) }))),
  /** The customer's newest calls (at most 3) with the agent's wrap-up: outcome (translated) and note (cut short). */
  lastCalls: z.optional(
    z
      .array(
        z.object({
          callId: z.optional(str(128)),
          startedAt: str(40),
          direction: CallDirection,
          disposition: z.optional(z.nullable(CallDisposition)),
          outcome: z.optional(z.nullable(str(64))),
          note: z.optional(z.nullable(str(1024))),
        }),
      )
      .check(z.maxLength(10)),
  ),
});
export type CustomerCard = z.infer<typeof CustomerCard>;

/** What Magento's admin lookup controller answers for one phone number (the screen pop). */
export const LookupResponse = z.object({
  phone: str(64),
  customers: z.array(CustomerCard).check(z.maxLength(20)),
  /** Admin URL of "new customer" with the number filled in, offered when nobody matched. */
  newCustomerUrl: z.optional(str(2048)),
});
export type LookupResponse = z.infer<typeof LookupResponse>;

/**
 * What Magento's directory search answers (`POST bandeau/directory/search`, `q` = a name, an
 * e-mail or an order number): people with the numbers to call them on.
 */
export const DirectoryResponse = z.object({
  query: str(128),
  results: z
    .array(
      z.object({
        /** null for a guest order's buyer. */
        customerId: z.nullable(z.number().check(z.int(), z.positive())),
        name: str(255),
        email: z.optional(str(255)),
        /** The order whose number matched the query. */
        orderIncrementId: z.optional(str(64)),
        /** Admin URL of the customer (or of the matched order for a guest). */
        url: z.optional(str(2048)),
        /** Numbers in E.164 with their display form (national format of the shop's country). */
        phones: z.array(z.object({ number: str(64), display: str(64) })).check(z.maxLength(5)),
      }),
    )
    .check(z.maxLength(20)),
});
export type DirectoryResponse = z.infer<typeof DirectoryResponse>;

/** Why the PBX's routing chose a route (BANDEAU_ROUTE_REASON; bridge/src/routing/contract.ts). */
export const RouteReason = z.enum(['rule', 'no_match', 'unknown_number', 'no_caller_id', 'timeout', 'error']);
export type RouteReason = z.infer<typeof RouteReason>;

/** What one matched condition of a routing rule says (the card's sentence is made from these). */
export const RouteWhyCode = z.enum([
  'customer_group', 'vip', 'not_vip', 'lifetime_sales', 'order_any_open', 'order_not_shipped', 'order_payment_problem',
  'order_payment_review', 'order_holded', 'order_status', 'shipped_recently', 'open_cart', 'no_open_cart', 'store',
  'unknown_number', 'known_number',
]);
export type RouteWhyCode = z.infer<typeof RouteWhyCode>;

/** Route names, rule codes and order increment ids as the routing contract allows them. */
const RouteName = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/, 'route must be 1-32 letters, digits, _ or -'));
const RuleCode = z.string().check(z.regex(/^[a-z0-9_-]{1,32}$/, 'rule code must be 1-32 lower-case letters, digits, _ or -'));
const OrderNumber = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/, 'order must be 1-32 letters, digits, _ or -'));
const smallInt = (max: number) => z.number().check(z.int(), z.nonnegative(), z.maximum(max));

export const RouteWhy = z.object({
  code: RouteWhyCode,
  order: z.optional(OrderNumber),
  status: z.optional(safeText(32)),
  /** Whole days since the last shipment. */
  days: z.optional(smallInt(36_500)),
  group_id: z.optional(smallInt(2 ** 31 - 1)),
  store_id: z.optional(smallInt(2 ** 31 - 1)),
  amount: z.optional(z.number().check(z.gte(0), z.lte(1e12))),
});
export type RouteWhy = z.infer<typeof RouteWhy>;

/**
 * How the PBX routed an inbound call before it rang anyone (the FastAGI decision, issue 15): the
 * route, why, the merchant's rule (code and label as configured) and the conditions that matched.
 */
export const CallRouting = z.object({
  route: RouteName,
  reason: RouteReason,
  rule: z.nullable(z.object({ code: RuleCode, label: safeText(64) })),
  why: z.array(RouteWhy).check(z.maxLength(12)),
  /** The order the rule matched (increment id), or null. */
  order: z.nullable(OrderNumber),
});
export type CallRouting = z.infer<typeof CallRouting>;

export const Call = z.object({
  id: CallId,
  direction: CallDirection,
  state: CallState,
  from: safeText(64),
  to: safeText(64),
  /** Extensions that were offered the call. */
  rung: z.array(Extension).check(z.maxLength(256)),
  answeredBy: z.nullable(Extension),
  startedAt: str(40),
  answeredAt: z.nullable(str(40)),
  endedAt: z.nullable(str(40)),
  disposition: z.nullable(CallDisposition),
  /**
   * Agents who declined the call while their phone rang (`call.decline`). The disposition stays
   * what the caller got (missed when nobody answered); a decline is the agent's own choice, so
   * it does not count as a missed call for them.
   */
  declinedBy: z.optional(z.array(Extension).check(z.maxLength(256))),
  /**
   * People the bridge can name, keyed by extension or number as in from/to/answeredBy: colleagues
   * (from their agent tokens) and the caller as this agent's lookup found them at call time, kept
   * with the call so a recent call still has its name in a new browser session.
   */
  names: z.optional(z.record(str(64), safeText(255)).check(z.refine((r) => Object.keys(r).length <= 64, 'at most 64 names'))),
  /** from/to in the national format of the PBX's country (international for others), by number. */
  display: z.optional(z.record(str(64), safeText(64)).check(z.refine((r) => Object.keys(r).length <= 4, 'at most 4 numbers'))),
  /**
   * An attended transfer's consultation going on (state `transferring` for the agent consulting):
   * who is consulted (extension or number) and whether they answered. The other party is on hold.
   */
  consult: z.optional(z.object({ target: safeText(64), answered: z.boolean() })),
  /** Inbound calls the PBX asked Bandeau to route (FastAGI): why the call came to this route. */
  routing: z.optional(CallRouting),
});
export type Call = z.infer<typeof Call>;

/**
 * What the merchant's PBX lets the bridge do (bridge/src/pbx/driver.ts): the bar offers only
 * these controls. Calls ringing, answered and ended always reach the bar; the rest is per driver.
 */
export const PbxCapabilities = z.object({
  /** Click-to-call (call.dial). */
  dial: z.boolean(),
  hangup: z.boolean(),
  decline: z.boolean(),
  hold: z.boolean(),
  blindTransfer: z.boolean(),
  /** Consult first (call.attendedTransfer, then complete or cancel). */
  attendedTransfer: z.boolean(),
  dtmf: z.boolean(),
  /** The agent's status pauses their queues on the PBX. */
  presence: z.boolean(),
});
export type PbxCapabilities = z.infer<typeof PbxCapabilities>;

export const AgentInfo = z.object({
  userId: z.number().check(z.int(), z.positive()),
  name: str(255),
  extension: Extension,
  permissions: z.array(str(64)).check(z.maxLength(64)),
  status: AgentStatus,
  /**
   * What the bridge lets this agent dial besides outside numbers (regular expression sources,
   * matched whole; '' allows nothing): the page decides early whether an entry is dialled or searched.
   */
  dial: z.optional(z.object({ extension: str(256), featureCode: str(256) })),
  /** What the PBX behind the bridge can do; absent from an older bridge (then: everything). */
  pbx: z.optional(PbxCapabilities),
});
export type AgentInfo = z.infer<typeof AgentInfo>;

// ---------------------------------------------------------------- bridge -> client

export const SnapshotMsg = z.object({
  type: z.literal('snapshot'),
  protocol: int(),
  agent: AgentInfo,
  calls: z.array(Call).check(z.maxLength(256)),
  /** The agent's last ended calls, newest first. */
  recent: z.array(Call).check(z.maxLength(50)),
  /** When the agent last looked at the recent calls (missed calls after it make the badge). */
  recentSeenAt: z.nullable(str(40)),
  serverTime: str(40),
});
export type SnapshotMsg = z.infer<typeof SnapshotMsg>;
export const AgentStatusMsg = z.object({ type: z.literal('agent.status'), status: AgentStatus });
export const CallUpdateMsg = z.object({ type: z.literal('call.update'), call: Call });
export const CallRemovedMsg = z.object({ type: z.literal('call.removed'), callId: CallId });
export const ErrorMsg = z.object({
  type: z.literal('error'),
  code: str(64),
  message: str(1024),
  /** Echo of the command's `ref`, when the error answers a command. */
  ref,
  /** Finer than `code` where the page says it in its own words (a refused number: `too_long`, `not_extension`…). */
  reason: z.optional(str(64)),
});
export const AckMsg = z.object({ type: z.literal('ack'), ref: str(64), callId: z.optional(CallId) });
export const RecentSeenMsg = z.object({ type: z.literal('recent.seen'), at: str(40) });
export const TokenAcceptedMsg = z.object({ type: z.literal('token.accepted'), expiresAt: int() });
/** A colleague as other agents see them (transfer list): nothing more than name, extension and presence. */
export const Colleague = z.object({ name: str(255), extension: Extension, status: AgentStatus });
export type Colleague = z.infer<typeof Colleague>;
/** The agent's colleagues known to the bridge (connected, or away for less than the session grace), sent whole at connect. */
export const ColleaguesMsg = z.object({ type: z.literal('colleagues'), colleagues: z.array(Colleague).check(z.maxLength(500)) });
/**
 * What changed in the team since the bridge's previous team message (one message to all of its
 * agents for a short window of changes): colleagues who appeared or changed (status `offline` when
 * their browser left), and the extensions of those forgotten. The agent's own entry may be among
 * them (the receiver skips its extension). Longer changes come as several messages.
 */
export const ColleaguesChangedMsg = z.object({
  type: z.literal('colleagues.changed'),
  colleagues: z.array(Colleague).check(z.maxLength(500)),
  gone: z.array(Extension).check(z.maxLength(500)),
});
export type ColleaguesChangedMsg = z.infer<typeof ColleaguesChangedMsg>;

/**
 * The agent pressed "Open" on their desk phone's caller page (bridge/src/phones/actions.ts): their
 * browser opens this customer. The number the page was for lets the session ask Magento for the
 * customer's admin URL (with its secret key), and go only where Magento's own answer points.
 */
export const PhoneOpenCustomerMsg = z.object({ type: z.literal('phone.openCustomer'), customerId: z.number().check(z.int(), z.positive()), number: safeText(64) });
export type PhoneOpenCustomerMsg = z.infer<typeof PhoneOpenCustomerMsg>;

export const ServerMessage = z.discriminatedUnion('type', [SnapshotMsg, AgentStatusMsg, CallUpdateMsg, CallRemovedMsg, ErrorMsg, AckMsg, TokenAcceptedMsg, RecentSeenMsg, ColleaguesMsg, ColleaguesChangedMsg, PhoneOpenCustomerMsg]);
export type ServerMessage = z.infer<typeof ServerMessage>;

// ---------------------------------------------------------------- client -> bridge

export const MarkRecentSeenCmd = z.object({ type: z.literal('agent.recentSeen'), ref });
export const SetStatusCmd = z.object({ type: z.literal('agent.setStatus'), ref, status: AgentStatus });
export const RefreshTokenCmd = z.object({ type: z.literal('auth.refresh'), ref, token: z.string().check(z.minLength(1), z.maxLength(4096)) });
export const DialCmd = z.object({ type: z.literal('call.dial'), ref, number: DialString });
/** The caller of one of this agent's calls, as their lookup found them: kept with the call for them only. */
export const CallerNameCmd = z.object({ type: z.literal('agent.callerName'), ref, callId: CallId, name: z.string().check(z.minLength(1), z.maxLength(255), z.regex(NO_CONTROL, 'control characters are not allowed')) });
export const HangupCmd = z.object({ type: z.literal('call.hangup'), ref, callId: CallId });
/** Refuse a call ringing the agent's phone (the call goes on ringing the others, if any). */
export const DeclineCmd = z.object({ type: z.literal('call.decline'), ref, callId: CallId });
export const BlindTransferCmd = z.object({ type: z.literal('call.blindTransfer'), ref, callId: CallId, target: DialString });
export const AttendedTransferCmd = z.object({ type: z.literal('call.attendedTransfer'), ref, callId: CallId, target: DialString });
/** During a consultation: hand the held party over to the consulted one (the agent leaves the call). */
export const CompleteTransferCmd = z.object({ type: z.literal('call.completeTransfer'), ref, callId: CallId });
/** During a consultation: hang up the consulted leg and go back to the held party. */
export const CancelTransferCmd = z.object({ type: z.literal('call.cancelTransfer'), ref, callId: CallId });
export const HoldCmd = z.object({ type: z.literal('call.hold'), ref, callId: CallId, hold: z.boolean() });
export const DtmfCmd = z.object({ type: z.literal('call.dtmf'), ref, callId: CallId, digits: z.string().check(z.regex(/^[0-9*#A-D]{1,32}$/, 'digits must be 0-9 * # A-D')) });

export const ClientCommand = z.discriminatedUnion('type', [SetStatusCmd, MarkRecentSeenCmd, RefreshTokenCmd, CallerNameCmd, DialCmd, HangupCmd, DeclineCmd, BlindTransferCmd, AttendedTransferCmd, CompleteTransferCmd, CancelTransferCmd, HoldCmd, DtmfCmd]);
export type ClientCommand = z.infer<typeof ClientCommand>;
export type CallCommand = Extract<ClientCommand, { type: `call.${string}` }>;

// ---------------------------------------------------------------- softphone (WebRTC mode)

/**
 * Softphone mode: sip.js runs in the worker (signalling) and a page or the pop-out phone window
 * hosts the media (RTCPeerConnection). The worker asks the media host for SDP work with
 * `sdp.request` and the host answers with `sdp.result`.
 */
const Sdp = z.string().check(z.maxLength(65_536));
const SoftCallId = z.string().check(z.minLength(1), z.maxLength(128), z.regex(NO_CONTROL, 'control characters are not allowed'));
const Dtmf = z.string().check(z.regex(/^[0-9*#A-D]{1,32}$/, 'digits must be 0-9 * # A-D'));

/** What the module's credentials controller answers, for the logged-in admin user only. */
export const SoftphoneCredentials = z.object({
  wsUrl: z.string().check(z.maxLength(2048), z.regex(/^wss?:\/\/[^\s]+$/, 'must be a ws:// or wss:// URL')),
  uri: z.string().check(z.maxLength(256), z.regex(/^sips?:[^\s]+$/, 'must be a sip: URI')),
  username: z.string().check(z.minLength(1), z.maxLength(64), z.regex(NO_CONTROL, 'control characters are not allowed')),
  password: z.string().check(z.maxLength(256)),
  displayName: z.optional(safeText(255)),
});
export type SoftphoneCredentials = z.infer<typeof SoftphoneCredentials>;

/** What a page hands the session so it can run the softphone. */
export const SoftphoneSessionConfig = z.object({
  /** Admin controller answering SoftphoneCredentials (POST form_key, admin session). */
  credentialsUrl: z.string().check(z.minLength(1), z.maxLength(2048)),
  /** Unregister this long after the last page went away (default 120 s). */
  releaseAfterMs: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** Put the far end on hold when no page has hosted the call's media for this long (default 1.5 s). */
  holdAfterMs: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** Where sip.js runs: the worker, or the pop-out window when it is open ('auto': the pop-out where the worker does not survive navigation). */
  sipIn: z.optional(z.enum(['auto', 'worker', 'popout'])),
});
export type SoftphoneSessionConfig = z.infer<typeof SoftphoneSessionConfig>;

export const SoftphoneCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('softphone.dial'), target: DialString }),
  z.object({ type: z.literal('softphone.answer'), callId: SoftCallId }),
  z.object({ type: z.literal('softphone.decline'), callId: SoftCallId }),
  z.object({ type: z.literal('softphone.hangup'), callId: SoftCallId }),
  z.object({ type: z.literal('softphone.dtmf'), callId: SoftCallId, digits: Dtmf }),
  z.object({ type: z.literal('softphone.mute'), callId: SoftCallId, muted: z.boolean() }),
  z.object({ type: z.literal('softphone.hold'), callId: SoftCallId, hold: z.boolean() }),
]);
export type SoftphoneCommand = z.infer<typeof SoftphoneCommand>;

/**
 * Something wrong that the agent must read, said by the worker: an English template of the bar's
 * strings (frontend-ts/src/page/strings.ts, with %1, %2…) and its values, so each page shows it
 * in its admin user's language.
 */
export const Problem = z.object({ text: str(256), args: z.array(str(1024)).check(z.maxLength(4)) });
export type Problem = z.infer<typeof Problem>;

export const SoftCall = z.object({
  id: SoftCallId,
  direction: z.enum(['inbound', 'outbound']),
  /** The far party (SIP user part or display name). */
  remote: safeText(128),
  state: z.enum(['ringing', 'dialing', 'connected', 'held', 'ended']),
  /** Where the audio is: a page, the pop-out window, nowhere yet (resuming) or parked on hold. */
  media: z.enum(['none', 'page', 'popout', 'resuming', 'parked']),
  /** The page hosting the call's media, if any. */
  hostPageId: z.nullable(str(64)),
  muted: z.boolean(),
  startedAt: str(40),
  answeredAt: z.nullable(str(40)),
});
export type SoftCall = z.infer<typeof SoftCall>;

export const SoftphoneView = z.object({
  registration: z.enum(['off', 'connecting', 'registered', 'failed', 'released']),
  problem: z.nullable(Problem),
  aor: z.nullable(str(256)),
  /** Where sip.js runs right now. */
  sipIn: z.enum(['worker', 'popout', 'page']),
  /** The page that rings and hosts the media of the next call (the pop-out when open). */
  mediaHost: z.nullable(str(64)),
  popout: z.boolean(),
  /** The open pop-out window could not start its SIP user agent (absent from older sessions). */
  popoutProblem: z.optional(z.nullable(Problem)),
  calls: z.array(SoftCall).check(z.maxLength(16)),
  /** REGISTER requests sent since this softphone started (diagnostics and tests). */
  registers: z.number().check(z.int(), z.nonnegative()),
});
export type SoftphoneView = z.infer<typeof SoftphoneView>;

/** Worker -> media host: SDP and media work for one call. */
export const SdpRequestMsg = z.object({
  type: z.literal('sdp.request'),
  requestId: str(64),
  callId: SoftCallId,
  /** local: create the offer or answer; remote: apply the far end's SDP; rollback; close; dtmf; mute. */
  op: z.enum(['local', 'remote', 'rollback', 'close', 'dtmf', 'mute']),
  sdp: z.optional(Sdp),
  hold: z.optional(z.boolean()),
  tones: z.optional(Dtmf),
  muted: z.optional(z.boolean()),
});
export type SdpRequestMsg = z.infer<typeof SdpRequestMsg>;

/** Media host -> worker: the outcome of one sdp.request. */
export const SdpResultMsg = z.object({
  type: z.literal('sdp.result'),
  pageId: str(64),
  requestId: str(64),
  ok: z.boolean(),
  sdp: z.optional(Sdp),
  error: z.optional(str(1024)),
});
export type SdpResultMsg = z.infer<typeof SdpResultMsg>;

export const SoftphoneMsg = z.object({ type: z.literal('softphone'), pageId: str(64), command: SoftphoneCommand });

// ---------------------------------------------------------------- page <-> worker

export const ConnectionState = z.enum(['connecting', 'connected', 'offline']);
export type ConnectionState = z.infer<typeof ConnectionState>;

const PageId = str(64);

/** What a page hands the session so it can start (or resume) talking to the bridge. */
export const SessionConfig = z.object({
  bridgeUrl: z.url().check(z.maxLength(2048)),
  /** Every bridge the session may use, in order of preference (failover); absent: bridgeUrl alone (older configs). */
  bridgeUrls: z.optional(z.array(z.url().check(z.maxLength(2048))).check(z.minLength(1), z.maxLength(10))),
  tokenUrl: z.string().check(z.minLength(1), z.maxLength(2048)),
  formKey: z.optional(str(128)),
  /** A token already minted with the page, so the first connect needs no round trip. */
  token: z.optional(str(4096)),
  lookupUrl: z.optional(str(2048)),
  softphone: z.optional(SoftphoneSessionConfig),
});
export type SessionConfig = z.infer<typeof SessionConfig>;

export const HelloMsg = z.object({
  type: z.literal('hello'),
  pageId: PageId,
  config: SessionConfig,
  visible: z.boolean(),
  /** An admin page, or the pop-out phone window (softphone mode). */
  role: z.optional(z.enum(['page', 'popout'])),
  /** The page can host softphone media (RTCPeerConnection exists). */
  media: z.optional(z.boolean()),
});
/** `active`: the page has the focus (the session opens what a desk phone asks for in the page used last). */
export const HeartbeatMsg = z.object({ type: z.literal('heartbeat'), pageId: PageId, visible: z.boolean(), active: z.optional(z.boolean()) });
export const GoodbyeMsg = z.object({ type: z.literal('goodbye'), pageId: PageId });
export const CommandMsg = z.object({ type: z.literal('command'), pageId: PageId, command: ClientCommand });

export const PageToWorker = z.discriminatedUnion('type', [HelloMsg, HeartbeatMsg, GoodbyeMsg, CommandMsg, SoftphoneMsg, SdpResultMsg]);
export type PageToWorker = z.infer<typeof PageToWorker>;

/** Everything a page renders, sent whole on every change (it is small). */
export const ViewState = z.object({
  connection: ConnectionState,
  /** Why the session is offline, in words for the agent; null when all is well. */
  problem: z.nullable(Problem),
  agent: z.nullable(AgentInfo),
  calls: z.array(Call).check(z.maxLength(256)),
  recent: z.array(Call).check(z.maxLength(50)),
  recentSeenAt: z.nullable(str(40)),
  /** Screen-pop lookups by phone number as the PBX gave it. */
  lookups: z.record(str(64), z.object({ status: z.enum(['pending', 'done', 'failed']), result: z.optional(LookupResponse) })),
  /** Pages currently attached to this session. */
  pages: z.number().check(z.int(), z.nonnegative()),
  /** Socket.io connections this session has opened since it started. */
  connectionsOpened: z.number().check(z.int(), z.nonnegative()),
  /** The bridge the session is connected to (or trying), one of the config's bridgeUrls. */
  bridgeUrl: z.optional(z.string().check(z.maxLength(2048))),
  /** Where the session runs: the SharedWorker, or this page (no SharedWorker in this browser). */
  host: z.enum(['shared-worker', 'in-page']),
  /** Milliseconds since the session started: tells a surviving worker from a new one. */
  sessionAgeMs: z.number().check(z.nonnegative()),
  /** Softphone mode only. */
  softphone: z.optional(SoftphoneView),
  /** Colleagues and their presence (the transfer list), as the bridge last sent them. */
  colleagues: z.optional(z.array(Colleague).check(z.maxLength(500))),
});
export type ViewState = z.infer<typeof ViewState>;

export const StateMsg = z.object({ type: z.literal('state'), state: ViewState });
export const NoticeMsg = z.object({ type: z.literal('notice'), level: z.enum(['info', 'error']), code: str(64), message: str(1024), ref, reason: z.optional(str(64)) });

/** Worker -> the page used last: go to this admin URL (Magento's own, from its lookup answer). */
export const OpenUrlMsg = z.object({ type: z.literal('open'), url: str(2048) });

export const WorkerToPage = z.discriminatedUnion('type', [StateMsg, NoticeMsg, SdpRequestMsg, OpenUrlMsg]);
export type WorkerToPage = z.infer<typeof WorkerToPage>;

// ---------------------------------------------------------------- Magento -> page

/** One choice of the wrap-up's outcome or tags: the value Magento stores, the label in the agent's language. */
const WrapUpChoices = z.array(z.object({ value: str(64), label: str(256) })).check(z.maxLength(50));

/** `POST bandeau/call/note`: the wrap-up as Magento stored it. */
export const WrapUpResponse = z.object({
  callId: str(128),
  note: z.nullable(str(65535)),
  outcome: z.nullable(str(64)),
  tags: z.array(str(64)).check(z.maxLength(50)),
  followUpAt: z.nullable(str(40)),
  customerId: z.nullable(z.number().check(z.int())),
});
export type WrapUpResponse = z.infer<typeof WrapUpResponse>;

/** What the module's block puts in `data-bandeau-config` on every admin page. */
export const PageConfig = z.object({
  /** The first bridge of bridgeUrls: what older workers and configs use. */
  bridgeUrl: z.url().check(z.maxLength(2048)),
  /** Every bridge agents may use, in order of preference: the worker fails over to the next one. */
  bridgeUrls: z.optional(z.array(z.url().check(z.maxLength(2048))).check(z.minLength(1), z.maxLength(10))),
  tokenUrl: z.string().check(z.minLength(1), z.maxLength(2048)),
  formKey: z.optional(str(128)),
  /** Stable same-origin URL of the worker loader script. */
  workerUrl: z.string().check(z.minLength(1), z.maxLength(2048)),
  workerName: z._default(z.string().check(z.minLength(1), z.maxLength(64)), PAGE_CONFIG_DEFAULTS.workerName),
  /** 'in-page' skips the SharedWorker (diagnostics and benchmarks). */
  transport: z._default(z.enum(['auto', 'in-page']), PAGE_CONFIG_DEFAULTS.transport),
  /** Desk phone through the PBX, or softphone in the browser (mute exists only there). */
  mode: z._default(z.enum(['desk', 'softphone']), PAGE_CONFIG_DEFAULTS.mode),
  /** Admin controller answering a LookupResponse for `?phone=`. */
  lookupUrl: z.optional(str(2048)),
  /** Admin controller answering a DirectoryResponse for a name, e-mail or order number (POST q, form_key). */
  directoryUrl: z.optional(str(2048)),
  /** The admin user's locale (`fr_FR`): plurals, dates and durations in their language. */
  locale: z.optional(z.string().check(z.regex(LOCALE_PATTERN, 'must be a locale like fr_FR'))),
  /** The store's IANA time zone (Magento's general/locale/timezone): the bar's times as the Calls grid shows them. */
  timeZone: z.optional(str(64)),
  /**
   * Admin controller saving the agent's wrap-up of a call (POST call_id, note, outcome, tags[],
   * follow_up_at, customer_id, form_key): answers a WrapUpResponse.
   */
  noteUrl: z.optional(str(2048)),
  /** What the wrap-up offers: the configured outcomes and tags (value as stored, label translated). */
  wrapUp: z.optional(z.object({ outcomes: WrapUpChoices, tags: WrapUpChoices })),
  /** Campaign admin controllers: claim the next contact, record an outcome (POST, form_key). */
  campaignNextUrl: z.optional(str(2048)),
  campaignOutcomeUrl: z.optional(str(2048)),
  /** Campaign admin controllers: skip or snooze the held contact, the agent's day (POST, form_key). */
  campaignSkipUrl: z.optional(str(2048)),
  campaignSnoozeUrl: z.optional(str(2048)),
  campaignTodayUrl: z.optional(str(2048)),
  /** Admin controller answering the logged-in agent's MyDayResponse (POST form_key): the bar's "My day". */
  myDayUrl: z.optional(str(2048)),
  /** Softphone mode: admin controller answering the logged-in user's SoftphoneCredentials (POST form_key). */
  softphoneCredentialsUrl: z.optional(str(2048)),
  /** Softphone mode: same-origin URL of the pop-out phone window. */
  softphonePopoutUrl: z.optional(str(2048)),
  /** Softphone mode: where sip.js runs (see SoftphoneSessionConfig.sipIn). */
  softphoneSipIn: z.optional(z.enum(['auto', 'worker', 'popout'])),
  /** Softphone mode: unregister after no page was open for this many seconds. */
  softphoneReleaseAfterS: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** This page is the pop-out phone window. */
  role: z._default(z.enum(['page', 'popout']), PAGE_CONFIG_DEFAULTS.role),
  /** Translated UI strings, keyed by their English text. */
  i18n: z.optional(z.record(str(256), str(1024))),
});
export type PageConfig = z.infer<typeof PageConfig>;

// ---------------------------------------------------------------- Magento campaign endpoints -> page

export const CampaignOutcome = z.enum(['reached_ordered', 'will_order', 'not_interested', 'callback', 'no_answer', 'wrong_number']);
export type CampaignOutcome = z.infer<typeof CampaignOutcome>;

const money = z.union([z.number(), str(64)]);

/** The agent's campaign day, in every answer of the campaign endpoints (test/contract/README.md). */
export const CampaignToday = z.object({
  contactsLeft: z.number().check(z.int(), z.nonnegative()),
  dueNow: z.number().check(z.int(), z.nonnegative()),
  calls: z.number().check(z.int(), z.nonnegative()),
  results: z.array(z.object({ outcome: str(32), count: z.number().check(z.int(), z.nonnegative()) })).check(z.maxLength(20)),
  skipped: z.number().check(z.int(), z.nonnegative()),
  snoozed: z.number().check(z.int(), z.nonnegative()),
  since: str(40),
});
export type CampaignToday = z.infer<typeof CampaignToday>;

/** `POST bandeau/campaign/next`: the contact claimed for this agent, or why there is none. */
export const CampaignNextResponse = z.object({
  campaign: z.optional(z.object({ id: z.number().check(z.int()), name: str(255), powerDial: z.optional(z.boolean()) })),
  contact: z.nullable(
    z.object({
      contactId: z.number().check(z.int(), z.positive()),
      customerId: z.optional(z.nullable(z.number().check(z.int()))),
      name: str(255),
      email: z.optional(z.nullable(str(255))),
      phone: str(64),
      cart: z.optional(
        z.nullable(
          z.object({
            items: z.array(z.object({ name: str(255), sku: z.optional(str(64)), qty: z.number(), price: z.optional(money), rowTotal: z.optional(money) })).check(z.maxLength(200)),
            total: money,
            currency: z.optional(str(8)),
          }),
        ),
      ),
      attempts: z.number().check(z.int(), z.nonnegative()),
      maxAttempts: z.number().check(z.int(), z.nonnegative()),
      lastOutcome: z.optional(z.nullable(str(64))),
      lastNote: z.optional(z.nullable(str(65535))),
      customerUrl: z.optional(z.nullable(str(2048))),
    }),
  ),
  callbackAt: z.optional(z.nullable(str(40))),
  reason: z.optional(str(64)),
  message: z.optional(str(1024)),
  today: z.optional(CampaignToday),
});
export type CampaignNextResponse = z.infer<typeof CampaignNextResponse>;

/** `POST bandeau/campaign/outcome`: what became of the contact. */
export const CampaignOutcomeResponse = z.object({
  contactId: z.number().check(z.int()),
  status: str(32),
  outcome: CampaignOutcome,
  attempts: z.number().check(z.int()),
  maxAttempts: z.number().check(z.int()),
  nextAttemptAt: z.optional(z.nullable(str(40))),
  today: z.optional(CampaignToday),
});
export type CampaignOutcomeResponse = z.infer<typeof CampaignOutcomeResponse>;

/** `POST bandeau/campaign/skip` and `snooze`: where the contact went. */
export const CampaignDeferResponse = z.object({
  contactId: z.number().check(z.int()),
  status: str(32),
  nextAttemptAt: z.nullable(str(40)),
  today: z.optional(CampaignToday),
});
export type CampaignDeferResponse = z.infer<typeof CampaignDeferResponse>;

/** `POST bandeau/campaign/today`. */
export const CampaignTodayResponse = z.object({ today: CampaignToday });

const count = z.number().check(z.int(), z.nonnegative());
const outcomeCounts = z.array(z.object({ outcome: str(32), count })).check(z.maxLength(20));

/**
 * `POST bandeau/analytics/myday`: the logged-in agent's day in the store's time zone
 * (Model/Analytics/AgentDaySummary.php): today's calls, the missed calls nobody called back yet
 * (newest first), and their own results in each active campaign they are assigned to.
 */
export const MyDayResponse = z.object({
  day: z.object({ date: str(10), timeZone: str(64), from: str(40), to: str(40) }),
  calls: z.object({ total: count, answered: count, missed: count, talkS: count }),
  callBack: z
    .array(
      z.object({
        callId: str(128),
        number: str(64),
        name: z.nullable(str(255)),
        customerId: z.nullable(z.number().check(z.int())),
        at: str(40),
        disposition: z.enum(['missed', 'abandoned']),
        times: z.number().check(z.int(), z.positive()),
      }),
    )
    .check(z.maxLength(50)),
  campaigns: z
    .array(
      z.object({
        id: z.number().check(z.int()),
        name: str(255),
        calledToday: count,
        called: count,
        reachedToday: count,
        reached: count,
        outcomesToday: outcomeCounts,
        outcomes: outcomeCounts,
        conversions: count,
      }),
    )
    .check(z.maxLength(100)),
});
export type MyDayResponse = z.infer<typeof MyDayResponse>;

// ---------------------------------------------------------------- helpers

/** How many ended calls an agent's "recent calls" keeps, in the bridge and in the browser alike. */
export const RECENT_LIMIT = 20;

/** An ended call added to the front of the recent calls (replacing an older copy of it), capped. */
export function pushRecent(recent: Call[], call: Call): Call[] {
  return [call, ...recent.filter((c) => c.id !== call.id)].slice(0, RECENT_LIMIT);
}

/** The outside party's number of a call (zod-free, for the page bundle: pageSide.ts). */
export { farNumber } from './pageSide';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Validates `input` against `schema`; the reason names the failing paths, for logs. */
export function parseMessage<T>(schema: z.ZodMiniType<T>, input: unknown): ParseResult<T> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const reason = r.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message === 'Invalid input' ? i.code.replace(/_/g, ' ') : i.message}`)
    .join('; ');
  return { ok: false, reason };
}
