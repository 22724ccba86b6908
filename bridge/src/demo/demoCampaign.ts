import type { CampaignDeferResponse, CampaignNextResponse, CampaignOutcome, CampaignOutcomeResponse, CampaignToday, MyDayResponse } from '../protocol/messages';
import { normalizePhone } from '../phone';
import type { DemoDirectory } from './directory';

type Status = 'new' | 'retry' | 'callback' | 'done';

interface Contact {
  contactId: number;
  customerId: number;
  status: Status;
  claimedBy: number | null;
  claimExpiresAt: number;
  attempts: number;
  /** When a retry, callback or snoozed contact is due again (ms). */
  nextAttemptAt: number | null;
  lastOutcome: string | null;
  lastNote: string | null;
}

export interface RecordedOutcome {
  contactId: number;
  agentId: number;
  outcome: CampaignOutcome;
  note: string;
  callId: string | null;
}

interface Event {
  agentId: number;
  contactId: number;
  type: 'outcome' | 'skip' | 'snooze';
  outcome: string | null;
  reason: string | null;
  at: number;
}

/** The demo's answer to one campaign request: HTTP status and JSON body, as the module's controller. */
export interface DemoReply {
  status: number;
  body: unknown;
}

const MAX_ATTEMPTS = 3;
/** The module's defaults (Campaign, ContactClaimer, OutcomeRecorder). */
const RETRY_DELAY_MS = 240 * 60_000;
const CLAIM_MS = 900_000;
const MAX_DAYS = 90;
const OUTCOMES: CampaignOutcome[] = ['reached_ordered', 'will_order', 'not_interested', 'callback', 'no_answer', 'wrong_number'];
/** Outcomes where a person was reached (ContactStatus::REACHED). */
const REACHED: CampaignOutcome[] = ['reached_ordered', 'will_order', 'not_interested', 'callback'];
const ISO_WITH_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i;

const CAMPAIGN_NAME = 'Carts left this week (demo)';

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const error = (status: number, code: string, message: string): DemoReply => ({ status, body: { error: { code, message } } });

/**
 * The demo's stand-in for the module's campaign endpoints (Controller/Adminhtml/Campaign): one
 * campaign built from the directory's open carts, claims per agent (never two agents on one
 * contact), the claim order of ContactClaimer (due callbacks, fresh contacts, due retries), a
 * callback or a snoozed contact kept away until its time, skip to the back of the queue, every
 * outcome, skip and snooze kept for the agent's day. Same JSON shapes and sentences as the
 * module (test/contract/campaign.*.json; test/ts/bridge/demoShapes.test.ts compares them).
 */
export class DemoCampaign {
  readonly outcomes: RecordedOutcome[] = [];
  private readonly contacts: Contact[];
  private readonly events: Event[] = [];

  constructor(
    private readonly dir: DemoDirectory,
    private readonly powerDial = false,
    private readonly clock: () => number = Date.now,
    private readonly translate: (text: string) => string = (text) => text,
  ) {
    this.contacts = dir.customers
      .filter((c) => c.cartLines && c.cartLines.length > 0)
      .map((c, i) => ({ contactId: 1000 + i, customerId: c.id, status: 'new', claimedBy: null, claimExpiresAt: 0, attempts: 0, nextAttemptAt: null, lastOutcome: null, lastNote: null }));
  }

  private held(agentId: number, form: URLSearchParams, now: number): Contact | null {
    const contact = this.contacts.find((c) => c.contactId === Number(form.get('contactId')));
    return contact && contact.claimedBy === agentId && contact.claimExpiresAt > now && contact.status !== 'done' ? contact : null;
  }

  private due(c: Contact, now: number): boolean {
    return c.status !== 'done' && (c.claimedBy === null || c.claimExpiresAt <= now) && (c.nextAttemptAt === null || c.nextAttemptAt <= now);
  }

  /** POST bandeau/campaign/next. */
  next(agentId: number, dayStart: string | null = null): CampaignNextResponse {
    const now = this.clock();
    const mine = this.contacts.find((c) => c.claimedBy === agentId && c.claimExpiresAt > now && c.status !== 'done');
    const byTime = (a: Contact, b: Contact) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || a.contactId - b.contactId;
    const contact =
      mine ??
      this.contacts.filter((c) => c.status === 'callback' && this.due(c, now)).sort(byTime)[0] ??
      this.contacts.find((c) => c.status === 'new' && this.due(c, now)) ??
      this.contacts.filter((c) => c.status === 'retry' && this.due(c, now)).sort(byTime)[0];
    if (!contact) return { contact: null, reason: 'empty', message: this.translate('No contact is due right now in your campaigns.'), today: this.today(agentId, dayStart) };
    contact.claimedBy = agentId;
    contact.claimExpiresAt = now + CLAIM_MS;
    const cust = this.dir.customers.find((c) => c.id === contact.customerId)!;
    const phone = normalizePhone(cust.telephone, cust.country);
    return {
      campaign: { id: 1, name: CAMPAIGN_NAME, powerDial: this.powerDial },
      contact: {
        contactId: contact.contactId,
        customerId: cust.id,
        name: `${cust.firstname} ${cust.lastname}`,
        email: cust.email,
        phone: phone.ok ? phone.e164 : cust.telephone,
        cart: {
          quoteId: 9000 + cust.id,
          items: (cust.cartLines ?? []).map((l) => ({ name: l.name, sku: l.sku, qty: l.qty, price: l.rowTotal, rowTotal: l.rowTotal })),
          total: cust.openCart?.total ?? '',
          currency: cust.country === 'US' ? 'USD' : cust.country === 'GB' ? 'GBP' : 'EUR',
          updatedAt: iso(now - 5 * 3_600_000),
        },
        status: contact.status,
        attempts: contact.attempts,
        maxAttempts: MAX_ATTEMPTS,
        lastOutcome: contact.lastOutcome,
        lastNote: contact.lastNote,
        customerUrl: `/admin/customer/index/edit/id/${cust.id}/`,
      },
      callbackAt: contact.status === 'callback' && contact.nextAttemptAt !== null ? iso(contact.nextAttemptAt) : null,
      claimExpiresAt: iso(contact.claimExpiresAt),
      today: this.today(agentId, dayStart),
    } as CampaignNextResponse;
  }

  /** POST bandeau/campaign/outcome, as OutcomeRecorder. */
  outcome(agentId: number, form: URLSearchParams): DemoReply {
    const now = this.clock();
    const outcome = form.get('outcome') as CampaignOutcome;
    if (!Number(form.get('contactId'))) return error(400, 'invalid', this.translate('A contact is required.'));
    if (!OUTCOMES.includes(outcome)) return error(400, 'invalid', this.translate(`Unknown outcome "${String(outcome)}".`));
    let callback: number | null = null;
    if (outcome === 'callback') {
      const at = form.get('callbackAt') ?? '';
      const ms = ISO_WITH_ZONE.test(at) ? Date.parse(at) : NaN;
      if (Number.isNaN(ms)) return error(400, 'invalid', this.translate('A callback needs a date and time (callbackAt, ISO-8601 with time zone).'));
      if (ms <= now || ms > now + MAX_DAYS * 86_400_000) return error(400, 'invalid', this.translate('The callback time must be in the next %1 days.').replace('%1', String(MAX_DAYS)));
      callback = ms;
    }
    const contact = this.held(agentId, form, now);
    if (!contact) return error(409, 'not_claimed', this.translate('This contact is not assigned to you any more.'));
    contact.attempts++;
    contact.lastOutcome = outcome;
    contact.lastNote = form.get('note') || null;
    if (outcome === 'callback') [contact.status, contact.nextAttemptAt] = ['callback', callback];
    else if (outcome === 'no_answer' && contact.attempts < MAX_ATTEMPTS) [contact.status, contact.nextAttemptAt] = ['retry', now + RETRY_DELAY_MS];
    else [contact.status, contact.nextAttemptAt] = ['done', null];
    contact.claimedBy = null;
    this.outcomes.push({ contactId: contact.contactId, agentId, outcome, note: form.get('note') ?? '', callId: form.get('callId') });
    this.events.push({ agentId, contactId: contact.contactId, type: 'outcome', outcome, reason: null, at: now });
    const body: CampaignOutcomeResponse = {
      contactId: contact.contactId,
      status: contact.status,
      outcome,
      attempts: contact.attempts,
      maxAttempts: MAX_ATTEMPTS,
      nextAttemptAt: contact.nextAttemptAt === null ? null : iso(contact.nextAttemptAt),
      today: this.today(agentId, form.get('dayStart')),
    };
    return { status: 200, body };
  }

  /** POST bandeau/campaign/skip or snooze, as ContactDeferral. */
  defer(kind: 'skip' | 'snooze', agentId: number, form: URLSearchParams): DemoReply {
    const now = this.clock();
    if (!Number(form.get('contactId'))) return error(400, 'invalid', this.translate('A contact is required.'));
    const reason = (form.get('reason') ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
    if (!reason) return error(400, 'invalid', this.translate(kind === 'skip' ? 'Say why you skip this contact.' : 'Say why you snooze this contact.'));
    if (reason.length > 255) return error(400, 'invalid', this.translate('The reason is too long (at most %1 characters).').replace('%1', '255'));
    let due = now;
    if (kind === 'snooze') {
      const until = form.get('until') ?? '';
      const ms = ISO_WITH_ZONE.test(until) ? Date.parse(until) : NaN;
      if (Number.isNaN(ms)) return error(400, 'invalid', this.translate('Choose until when to snooze this contact.'));
      if (ms <= now || ms > now + MAX_DAYS * 86_400_000) return error(400, 'invalid', this.translate('A contact can be snoozed for up to %1 days.').replace('%1', String(MAX_DAYS)));
      due = ms;
    }
    const contact = this.held(agentId, form, now);
    if (!contact) return error(409, 'not_claimed', this.translate('This contact is not assigned to you any more.'));
    contact.status = contact.status === 'callback' && kind === 'snooze' ? 'callback' : 'retry';
    contact.nextAttemptAt = due;
    contact.claimedBy = null;
    this.events.push({ agentId, contactId: contact.contactId, type: kind, outcome: null, reason, at: now });
    const body: CampaignDeferResponse = { contactId: contact.contactId, status: contact.status, nextAttemptAt: iso(due), today: this.today(agentId, form.get('dayStart')) };
    return { status: 200, body };
  }

  /** The agent's day, as AgentDay::summary (dayStart: the browser's midnight, within 36 hours). */
  today(agentId: number, dayStart: string | null): CampaignToday {
    const now = this.clock();
    const asked = dayStart && ISO_WITH_ZONE.test(dayStart) ? Date.parse(dayStart) : NaN;
    const since = Math.floor((!Number.isNaN(asked) && asked <= now && asked >= now - 36 * 3_600_000 ? asked : now - 86_400_000) / 1000) * 1000;
    const mine = this.events.filter((e) => e.agentId === agentId && e.at >= since && e.at <= now);
    const left = this.contacts.filter((c) => c.status !== 'done');
    const counted = (type: Event['type']) => mine.filter((e) => e.type === type).length;
    return {
      contactsLeft: left.length,
      dueNow: left.filter((c) => (c.claimedBy === null || c.claimedBy === agentId || c.claimExpiresAt <= now) && (c.nextAttemptAt === null || c.nextAttemptAt <= now)).length,
      calls: counted('outcome'),
      results: OUTCOMES.map((o) => ({ outcome: o, count: mine.filter((e) => e.type === 'outcome' && e.outcome === o).length })).filter((r) => r.count > 0),
      skipped: counted('skip'),
      snoozed: counted('snooze'),
      since: iso(since),
    };
  }

  /**
   * The agent's own results in the demo's one campaign (every demo agent works it), as "My day"
   * (AgentDaySummary) counts them: contacts called and reached in [from, to) and overall, the
   * outcomes recorded then and overall. No order follows a demo call: no conversions.
   */
  agentResults(agentId: number, from: number, to: number): MyDayResponse['campaigns'] {
    const mine = this.events.filter((e) => e.agentId === agentId && e.type === 'outcome');
    const today = mine.filter((e) => e.at >= from && e.at < to);
    const contacts = (list: Event[]) => new Set(list.map((e) => e.contactId)).size;
    const reached = (list: Event[]) => contacts(list.filter((e) => REACHED.includes(e.outcome as CampaignOutcome)));
    const counts = (list: Event[]) => OUTCOMES.map((o) => ({ outcome: o, count: list.filter((e) => e.outcome === o).length })).filter((r) => r.count > 0);
    return [{ id: 1, name: CAMPAIGN_NAME, calledToday: contacts(today), called: contacts(mine), reachedToday: reached(today), reached: reached(mine), outcomesToday: counts(today), outcomes: counts(mine), conversions: 0 }];
  }
}
