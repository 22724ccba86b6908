import type { AgentSession } from '../agents/sessionStore';
import { farNumber, type Call } from '../protocol/messages';
import { displayNumber, normalizePhone } from '../phone';
import type { BridgeServer } from '../server';
import type { PhoneAnswer, PhoneRequestContext } from './context';
import { QuickOutcomes } from './actionsOutcome';
import { MAX_KEYS, screenAnswer } from './callerPageScreen';
import type { PhoneString } from './phoneStrings';

/**
 * GET /phone/{vendor}/action/{open|outcome|callback} — the caller page's soft keys. Each acts
 * for the phone's own extension only: the one the router authenticated (token or basic auth; in
 * the demo the URL's `ext`), never a number or extension chosen in the URL. What the agent may
 * do is what their admin session may do: the actions go through the agent logged in on that
 * extension (their token's permissions and dial rules, their Magento user), and refuse when
 * nobody is. Each answers the phone with a short screen in words.
 */
export async function handlePhoneAction(ctx: PhoneRequestContext, action: string): Promise<PhoneAnswer> {
  const ext = ctx.extension;
  if (!ext) return said(ctx, 'Which phone?', ctx.t('Add ext= to the URL.'), 400);
  switch (action) {
    case 'open':
      return openCustomer(ctx, ext);
    case 'outcome':
      return quickOutcome(ctx, ext);
    case 'callback':
      return callBack(ctx, ext);
    default:
      return said(ctx, 'Unknown action', ctx.t('This soft key does nothing.'), 404);
  }
}

/** "Open": the agent's browser opens the customer (the session finds the admin URL: frontend-ts sessionHub). */
function openCustomer(ctx: PhoneRequestContext, ext: string): PhoneAnswer {
  const id = Number(ctx.query.get('customer'));
  const number = normalizePhone((ctx.query.get('number') ?? '').slice(0, 64), ctx.defaultRegion);
  if (!Number.isSafeInteger(id) || id <= 0 || !number.ok) return said(ctx, 'Open', ctx.t('This customer cannot be opened.'), 400);
  const sent = ctx.bridge.sendToExtension(ext, { type: 'phone.openCustomer', customerId: id, number: number.e164 });
  ctx.logger.info({ ext, customerId: id, agents: sent }, 'desk phone: open customer');
  if (sent === 0) return said(ctx, 'Open', ctx.t('Nobody is logged in to the admin on this phone.'));
  return said(ctx, 'Open', ctx.t('Sent to your browser.'));
}

const outcomesFor = new WeakMap<BridgeServer, QuickOutcomes>();

/** "Outcome": without `value` the list of outcomes as soft keys; with it, saved on the extension's last call. */
async function quickOutcome(ctx: PhoneRequestContext, ext: string): Promise<PhoneAnswer> {
  let outcomes = outcomesFor.get(ctx.bridge);
  if (!outcomes) outcomesFor.set(ctx.bridge, (outcomes = new QuickOutcomes(ctx.magento)));
  const list = await outcomes.list();
  const value = ctx.query.get('value');
  const agent = await agentOn(ctx, ext);
  const call = agent ? lastCall(agent) : undefined;
  if (value === null) {
    const keys = list.slice(0, MAX_KEYS[ctx.vendor] - 1).map((v) => ({ label: v, url: ctx.url('action/outcome', { value: v }) }));
    const far = call ? farNumber(call) : null;
    const who = far ? (call?.names?.[far] ?? displayNumber(far, ctx.defaultRegion) ?? far) : undefined;
    return screenAnswer(ctx.vendor, { title: ctx.t('Outcome'), headline: ctx.t('Outcome of your last call'), lines: list.slice(0, keys.length), ...(who ? { footer: who } : {}), keys, t: ctx.t });
  }
  if (!list.includes(value)) return said(ctx, 'Outcome', ctx.t('This outcome is not in the list.'), 400);
  if (!agent) return said(ctx, 'Outcome', ctx.t('Nobody is logged in to the admin on this phone.'));
  if (!call) return said(ctx, 'Outcome', ctx.t('No recent call on this phone.'));
  const saved = await outcomes.save(call.id, value, agent.identity.userId, ctx.t);
  ctx.logger.info({ ext, callId: call.id, saved: saved.ok }, 'desk phone: quick outcome');
  return saved.ok ? said(ctx, 'Outcome', ctx.t('Saved: %1', value)) : said(ctx, 'Outcome', saved.message);
}

/** "Call back": the agent's phone rings, then dials the last caller it missed (as click-to-call). */
async function callBack(ctx: PhoneRequestContext, ext: string): Promise<PhoneAnswer> {
  const agent = await agentOn(ctx, ext);
  if (!agent) return said(ctx, 'Call back', ctx.t('Nobody is logged in to the admin on this phone.'));
  const missed = agent.recent.find((c) => c.direction === 'inbound' && (c.disposition === 'missed' || c.disposition === 'abandoned') && farNumber(c) !== null);
  const number = missed ? farNumber(missed) : null;
  if (!number) return said(ctx, 'Call back', ctx.t('No missed call to return.'));
  const control = ctx.bridge.callControl;
  if (!control) return said(ctx, 'Call back', ctx.t('No phone system is connected to the bridge.'));
  const { userId, extension, permissions, dial } = agent.identity;
  try {
    await control.execute({ userId, extension, permissions, ...(dial ? { dial } : {}) }, { type: 'call.dial', number });
  } catch (err) {
    // Call control's refusals are sentences for the agent already (CommandError).
    return said(ctx, 'Call back', (err as Error).message || ctx.t('The call could not be placed.'));
  }
  ctx.logger.info({ ext, callId: missed?.id }, 'desk phone: call back');
  return said(ctx, 'Call back', ctx.t('Calling back…'), 200, displayNumber(number, ctx.defaultRegion) ?? number);
}

/** What the keys need of the agent logged in on the extension. */
type PhoneAgent = Pick<AgentSession, 'identity' | 'calls' | 'recent'>;

/**
 * The agent logged in on the extension: a connected one of this instance first, else one within
 * the session grace; in a cluster, else the agent connected on another instance (the phone's
 * request may reach any instance behind the balancer): their session from Redis, with this
 * instance's live calls for the extension (every instance sees every call).
 */
export async function agentOn(ctx: Pick<PhoneRequestContext, 'bridge' | 'liveCalls'>, ext: string): Promise<PhoneAgent | undefined> {
  const sessions = ctx.bridge.sessions.byExtensions([ext]);
  const here = sessions.find((s) => s.sockets.size > 0);
  if (here) return here;
  const cluster = ctx.bridge.cluster;
  const elsewhere = cluster ? ctx.bridge.team().find((a) => a.extension === ext && a.online) : undefined;
  const shared = cluster && elsewhere ? await cluster.load(elsewhere.userId) : null;
  if (shared) {
    return { identity: shared.identity, recent: shared.recent, calls: new Map(ctx.liveCalls(ext).map((c) => [c.id, c])) };
  }
  return sessions[0];
}

/** The extension's last call: the one in progress (not a new one ringing), else the newest ended one. */
function lastCall(agent: PhoneAgent): Call | undefined {
  const live = [...agent.calls.values()].filter((c) => c.state !== 'ringing').sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return live[0] ?? agent.recent[0];
}

/** A screen saying one thing: the title a phone string, the message in words already (ours translated, or Magento's, call control's). */
function said(ctx: PhoneRequestContext, title: PhoneString, message: string, status = 200, footer?: string): PhoneAnswer {
  return screenAnswer(ctx.vendor, { title: ctx.t(title), headline: message, lines: [], ...(footer ? { footer } : {}), keys: [], t: ctx.t }, status);
}
