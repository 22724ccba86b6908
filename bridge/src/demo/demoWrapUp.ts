import type { CustomerCard, WrapUpResponse } from '../protocol/messages';
import type { ContractCall } from '../outbox/record';
import type { DemoReply } from './demoCampaign';

/** The module's default lists (Model/WrapUp/WrapUpOptions.php, etc/config.xml). */
export const DEMO_WRAP_UP_OUTCOMES = ['Order placed', 'Question answered', 'Complaint', 'To call back', 'Wrong number'];
export const DEMO_WRAP_UP_TAGS = ['Delivery', 'Returns', 'Payment', 'Product question', 'Urgent'];

/** What the demo keeps of the call log: the calls the bridge delivered, or the stubs a wrap-up made. */
export interface DemoCalls {
  get(callId: string): ContractCall | undefined;
  upsert(call: ContractCall): ContractCall;
  forCustomer(customerId: number): ContractCall[];
}

interface Stored {
  outcome: string | null;
  tags: string[];
  followUpAt: string | null;
}

type LastCall = NonNullable<CustomerCard['lastCalls']>[number];

/** The module's caps: WrapUpValidator, CustomerCardQuery. */
const MAX_NOTE = 65_535;
const MAX_TAGS_LENGTH = 1024;
const MAX_FOLLOW_UP_DAYS = 730;
const CARD_NOTE_LENGTH = 200;
const ISO_WITH_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i;

const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const refuse = (status: number, code: string, message: string): DemoReply => ({ status, body: { error: { code, message } } });

/** A plain in-memory call log, when the demo runs without the REST one (tests). */
export function memoryCalls(): DemoCalls {
  const calls = new Map<string, ContractCall>();
  return {
    get: (id) => calls.get(id),
    upsert(input) {
      const merged: Record<string, unknown> = { ...calls.get(input.call_id) };
      for (const [k, v] of Object.entries(input)) if (v !== null && v !== undefined) merged[k] = v;
      calls.set(input.call_id, merged as ContractCall);
      return merged as ContractCall;
    },
    forCustomer: (id) => [...calls.values()].filter((c) => c.customer_id === id).sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at)),
  };
}

/**
 * The demo's stand-in for the module's wrap-up (Controller/Adminhtml/Call/Note.php with
 * Model/WrapUp/CallWrapUp.php): the same checks and sentences (outcome and tags from the
 * configured lists, follow-up a day or an instant, not past, within two years; an empty note keeps
 * the note), the same answer, the stub call when the bridge has not delivered it yet, and the last
 * calls the lookup puts on a customer's card (CustomerCardQuery::lastCalls).
 */
export class DemoWrapUps {
  private readonly wrapUps = new Map<string, Stored>();

  constructor(
    private readonly calls: DemoCalls,
    private readonly customerExists: (customerId: number) => boolean,
    private readonly clock: () => number = Date.now,
    readonly outcomes: string[] = DEMO_WRAP_UP_OUTCOMES,
    readonly tags: string[] = DEMO_WRAP_UP_TAGS,
  ) {}

  /** The page config's `wrapUp`: value as stored, label in the admin user's language. */
  choices(translate: (text: string) => string = (x) => x): { outcomes: Array<{ value: string; label: string }>; tags: Array<{ value: string; label: string }> } {
    const list = (values: string[]) => values.map((value) => ({ value, label: translate(value) }));
    return { outcomes: list(this.outcomes), tags: list(this.tags) };
  }

  /**
   * POST bandeau/call/note, for the demo agent `agentUserId` on `agentExtension` (`anyCall`: the
   * all_calls permission). As CallParticipation: only a call that names the agent, or any delivered
   * call with all_calls; a wrap-up waiting for its record is its writer's.
   */
  save(form: URLSearchParams, agentUserId: number, agentExtension: string, anyCall: boolean, translate: (text: string) => string = (x) => x): DemoReply {
    const tr = (text: string, ...args: string[]) => args.reduce((s, a, i) => s.replace(`%${i + 1}`, a), translate(text));
    const now = this.clock();
    const callId = (form.get('call_id') ?? '').trim();
    const note = form.get('note') ?? '';
    if (!callId) return refuse(400, 'invalid', tr('A call is required.'));
    if (callId.length > 128 || /[\u0000-\u001f\u007f]/.test(callId)) return refuse(400, 'invalid', tr('A call is required.'));
    if (Buffer.byteLength(note) > MAX_NOTE) return refuse(400, 'invalid', tr('The note is too long.'));
    const outcome = (form.get('outcome') ?? '').trim();
    if (outcome && !this.outcomes.includes(outcome)) return refuse(400, 'invalid', tr('"%1" is not one of the configured outcomes.', outcome));
    const tags: string[] = [];
    for (const raw of form.getAll('tags[]').concat((form.get('tags') ?? '').split(','))) {
      const tag = raw.trim();
      if (!tag || tags.includes(tag)) continue;
      if (!this.tags.includes(tag)) return refuse(400, 'invalid', tr('"%1" is not one of the configured tags.', tag));
      tags.push(tag);
    }
    if (tags.join(', ').length > MAX_TAGS_LENGTH) return refuse(400, 'invalid', tr('Too many tags.'));
    const followUp = this.followUp(form.get('follow_up_at') ?? '', now, tr);
    if (typeof followUp === 'object' && followUp !== null) return followUp;
    if (!note.trim() && !outcome && tags.length === 0 && followUp === null) return refuse(400, 'invalid', tr('Write a note or choose an outcome.'));
    const existing = this.calls.get(callId);
    if (existing) {
      const pending = !existing.from && !existing.to && !existing.ended_at;
      const party = existing.agent_user_id === agentUserId || (existing.agent_extension != null && existing.agent_extension === agentExtension);
      if (!party && (pending || !anyCall)) {
        return refuse(403, 'forbidden', tr(pending ? 'This call has not reached Magento yet. Save the wrap-up again in a moment.' : 'Only an agent who took part in this call can wrap it up.'));
      }
    }
    const direction = form.get('direction');
    const customer = Number(form.get('customer_id'));
    const customerId = Number.isInteger(customer) && customer > 0 && this.customerExists(customer) ? customer : null;
    const call = this.calls.upsert({
      call_id: callId,
      direction: existing?.direction ?? (direction === 'outbound' || direction === 'internal' ? direction : 'inbound'),
      started_at: existing?.started_at ?? isoSeconds(now),
      ...(existing ? {} : { agent_user_id: agentUserId, agent_extension: agentExtension }),
      ...(customerId !== null ? { customer_id: customerId } : {}),
      ...(note.trim() ? { note } : {}),
    });
    this.wrapUps.set(callId, { outcome: outcome || null, tags, followUpAt: followUp });
    const body: WrapUpResponse = { callId, note: call.note ?? null, outcome: outcome || null, tags, followUpAt: followUp, customerId: call.customer_id ?? null };
    return { status: 200, body };
  }

  /** "2026-11-20" (that day, UTC midnight) or an ISO instant, as WrapUpValidator::followUp. */
  private followUp(value: string, now: number, tr: (text: string, ...args: string[]) => string): string | null | DemoReply {
    const v = value.trim();
    if (!v) return null;
    let ms = NaN;
    if (/^\d{4}-\d\d-\d\d$/.test(v)) {
      ms = Date.parse(`${v}T00:00:00Z`);
      if (!Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) !== v) ms = NaN;
    } else if (ISO_WITH_ZONE.test(v)) {
      ms = Date.parse(v);
      const day = /^(\d{4})-(\d\d)-(\d\d)/.exec(v)!;
      const probe = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
      if (probe.getUTCDate() !== Number(day[3])) ms = NaN;
    }
    if (Number.isNaN(ms)) return refuse(400, 'invalid', tr('The follow-up date "%1" is not a date.', v));
    const today = new Date(now);
    if (ms < Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) return refuse(400, 'invalid', tr('The follow-up date is in the past.'));
    if (ms > now + MAX_FOLLOW_UP_DAYS * 86_400_000) return refuse(400, 'invalid', tr('The follow-up date is more than two years away.'));
    return isoSeconds(ms);
  }

  /** The customer's newest calls as the lookup's card carries them (CustomerCardQuery::lastCalls). */
  lastCalls(customerId: number, translate: (text: string) => string = (x) => x): LastCall[] {
    return this.calls
      .forCustomer(customerId)
      .slice(0, 3)
      .map((c) => {
        const w = this.wrapUps.get(c.call_id);
        let note = (c.note ?? '').trim();
        if ([...note].length > CARD_NOTE_LENGTH) note = `${[...note].slice(0, CARD_NOTE_LENGTH - 1).join('').trimEnd()}…`;
        return {
          callId: c.call_id,
          startedAt: isoSeconds(Date.parse(c.started_at)),
          direction: c.direction,
          disposition: c.disposition ?? null,
          outcome: w?.outcome ? translate(w.outcome).slice(0, 64) : null,
          note: note || null,
        };
      });
  }

  /**
   * The Calls tab's wrap-up lines of a call, as CallHistory::getWrapUpSummary and getFollowUpLabel:
   * "Complaint · Delivery, Urgent" and "Follow up on 2026-11-20".
   */
  summary(callId: string, translate: (text: string) => string = (x) => x): { summary: string; followUp: string } {
    const w = this.wrapUps.get(callId);
    if (!w) return { summary: '', followUp: '' };
    const parts = [...(w.outcome ? [translate(w.outcome)] : []), ...(w.tags.length ? [w.tags.map(translate).join(', ')] : [])];
    let followUp = '';
    if (w.followUpAt) {
      const day = w.followUpAt.endsWith('T00:00:00Z') ? w.followUpAt.slice(0, 10) : `${w.followUpAt.slice(0, 16).replace('T', ' ')} UTC`;
      followUp = translate('Follow up on %1').replace('%1', day);
    }
    return { summary: parts.join(' · '), followUp };
  }

  /** For the demo's checks (/demo/wrap-ups): every wrap-up saved, by call id. */
  all(): Record<string, Stored & { note: string | null; customerId: number | null }> {
    return Object.fromEntries(
      [...this.wrapUps].map(([id, w]) => {
        const c = this.calls.get(id);
        return [id, { ...w, note: c?.note ?? null, customerId: c?.customer_id ?? null }];
      }),
    );
  }
}
