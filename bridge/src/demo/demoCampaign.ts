import type { CampaignNextResponse, CampaignOutcome, CampaignOutcomeResponse } from '../protocol/messages';
import { normalizePhone } from '../phone';
import type { DemoDirectory } from './directory';

interface Contact {
  contactId: number;
  customerId: number;
  claimedBy: number | null;
  attempts: number;
  done: boolean;
  lastNote: string | null;
}

export interface RecordedOutcome {
  contactId: number;
  agentId: number;
  outcome: CampaignOutcome;
  note: string;
  callId: string | null;
}

const MAX_ATTEMPTS = 3;
const OUTCOMES: CampaignOutcome[] = ['reached_ordered', 'will_order', 'not_interested', 'callback', 'no_answer', 'wrong_number'];

/**
 * The demo's stand-in for the module's campaign endpoints: one campaign built from the
 * directory's open carts, claims per agent (never two agents on one contact), outcomes kept
 * in memory. Same JSON shapes as the module (test/contract/campaign.*.json).
 */
export class DemoCampaign {
  readonly outcomes: RecordedOutcome[] = [];
  private readonly contacts: Contact[];

  constructor(private readonly dir: DemoDirectory, private readonly powerDial = false) {
    this.contacts = dir.customers
      .filter((c) => c.cartLines && c.cartLines.length > 0)
      .map((c, i) => ({ contactId: 1000 + i, customerId: c.id, claimedBy: null, attempts: 0, done: false, lastNote: null }));
  }

  next(agentId: number): CampaignNextResponse {
    const mine = this.contacts.find((c) => c.claimedBy === agentId && !c.done);
    const contact = mine ?? this.contacts.find((c) => c.claimedBy === null && !c.done);
    if (!contact) return { contact: null, reason: 'empty', message: 'Every contact of this campaign has been called.' };
    contact.claimedBy = agentId;
    const cust = this.dir.customers.find((c) => c.id === contact.customerId)!;
    const phone = normalizePhone(cust.telephone, cust.country);
    return {
      campaign: { id: 1, name: 'Carts left this week (demo)', powerDial: this.powerDial },
      contact: {
        contactId: contact.contactId,
        customerId: cust.id,
        name: `${cust.firstname} ${cust.lastname}`,
        email: cust.email,
        phone: phone.ok ? phone.e164 : cust.telephone,
        cart: { items: (cust.cartLines ?? []).map((l) => ({ name: l.name, sku: l.sku, qty: l.qty, rowTotal: l.rowTotal })), total: cust.openCart?.total ?? '' },
        attempts: contact.attempts,
        maxAttempts: MAX_ATTEMPTS,
        lastNote: contact.lastNote,
        customerUrl: `/admin/customer/index/edit/id/${cust.id}/`,
      },
      callbackAt: null,
    };
  }

  /** Records an outcome; null when the contact is not this agent's. */
  outcome(agentId: number, form: URLSearchParams): CampaignOutcomeResponse | null {
    const contact = this.contacts.find((c) => c.contactId === Number(form.get('contactId')));
    const outcome = form.get('outcome') as CampaignOutcome;
    if (!contact || contact.claimedBy !== agentId || !OUTCOMES.includes(outcome)) return null;
    contact.attempts++;
    contact.lastNote = form.get('note') || null;
    const retry = outcome === 'no_answer' && contact.attempts < MAX_ATTEMPTS;
    contact.done = !retry && outcome !== 'callback';
    contact.claimedBy = null;
    this.outcomes.push({ contactId: contact.contactId, agentId, outcome, note: form.get('note') ?? '', callId: form.get('callId') });
    return { contactId: contact.contactId, status: contact.done ? 'done' : outcome === 'callback' ? 'callback' : 'retry', outcome, attempts: contact.attempts, maxAttempts: MAX_ATTEMPTS, nextAttemptAt: null };
  }
}
