import type http from 'node:http';
import { demoPhonebook } from './demoPhonebook';
import { normalizePhone } from '../phone';
import { ContractCall } from '../outbox/record';
import type { DemoDirectory } from './directory';
import { escapeHtml as e } from './html';
import { demoRoutingFacts, demoRoutingRules } from './demoRouting';
import { orderStatusLabel } from './orderStatus';
import { DEMO_AGENTS } from './directory';
import type { DemoWrapUps } from './demoWrapUp';

/** Most calls a customer's Calls tab lists, as ViewModel\CallHistory::LIMIT. */
const LIMIT = 200;

type Reply = (status: number, body: unknown) => void;

/**
 * The demo's stand-in for the module's call log: the REST routes the bridge delivers call
 * records to and looks callers up with (`POST /V1/bandeau/calls`, `POST /V1/bandeau/lookup`,
 * and for call routing `POST /V1/bandeau/routing/facts`, `GET /V1/bandeau/routing/rules`:
 * demoRouting.ts; integration token as Bearer), the wrap-up note the bar saves on a call, and the customer's
 * Calls tab that lists them. It behaves as the contract of test/contract/README.md says
 * Magento does: upsert on call_id where a null or absent field keeps the stored value, links
 * to unknown customers dropped, lookups most recent customer first.
 */
export class DemoCallLog {
  private readonly calls = new Map<string, ContractCall>();
  /** The wrap-ups the bar saves (demoSite.ts sets them): desk phones' quick outcome goes there too. */
  wrapUps?: DemoWrapUps;

  constructor(
    private readonly dir: DemoDirectory,
    /** The integration token the demo's bridge is configured with. */
    readonly token: string,
  ) {}

  upsert(input: ContractCall): ContractCall {
    const stored = this.calls.get(input.call_id);
    // A link to a record that does not exist is sent on as null, which keeps the stored link.
    const known = { ...input };
    if (known.customer_id != null && !this.dir.customers.some((c) => c.id === known.customer_id)) known.customer_id = null;
    if (known.order_id != null && !this.dir.orders.some((o) => o.id === known.order_id)) known.order_id = null;
    const merged: Record<string, unknown> = { ...stored };
    for (const [k, v] of Object.entries(known)) if (v !== null && v !== undefined) merged[k] = v;
    const call = merged as ContractCall;
    this.calls.set(call.call_id, call);
    return call;
  }

  /** As CallManagement::saveNote: the note lands on the call, or on a stub the record completes later. */
  saveNote(callId: string, note: string, agentUserId: number): void {
    const stub = this.calls.get(callId) ?? { call_id: callId, direction: 'inbound' as const, started_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), agent_user_id: agentUserId };
    this.calls.set(callId, { ...stub, note });
  }

  /** The stored call (the wrap-up checks whose it is: demoWrapUp.ts). */
  get(callId: string): ContractCall | undefined {
    return this.calls.get(callId);
  }

  /** Every stored call, newest first (GET /demo/call-log). */
  all(): ContractCall[] {
    return [...this.calls.values()].sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at));
  }

  /** The customer's calls, newest first (Calls tab). */
  forCustomer(customerId: number): ContractCall[] {
    return [...this.calls.values()]
      .filter((c) => c.customer_id === customerId)
      .sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at))
      .slice(0, LIMIT);
  }

  /** POST /V1/bandeau/lookup ({"phone": …}): customers with this number, the most recently added first. */
  lookup(phone: string): { phone: string; matches: Array<Record<string, unknown>> } {
    const wanted = normalizePhone(phone, 'FR');
    if (!wanted.ok) return { phone, matches: [] };
    const matches = this.dir.customers
      .filter((c) => {
        const n = normalizePhone(c.telephone, c.country);
        return n.ok && n.e164 === wanted.e164;
      })
      .reverse()
      .map((c) => {
        // The desk phone's caller page (issue 17): group, newest order with its status label, open cart.
        const last = this.dir.orders.filter((o) => o.customerId === c.id).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
        return {
          customer_id: c.id,
          name: `${c.firstname} ${c.lastname}`,
          email: c.email,
          telephone: c.telephone,
          source: 'customer_address' as const,
          group: c.group,
          // As the module: each left out when there is none.
          ...(last ? { last_order: { increment_id: last.incrementId, status: orderStatusLabel(last.status), grand_total: last.grandTotal } } : {}),
          ...(c.openCart ? { open_cart: c.openCart } : {}),
        };
      });
    return { phone: wanted.e164, matches };
  }

  /** Answers the REST routes under /rest/V1/bandeau/; false for any other path. */
  async handle(req: http.IncomingMessage, path: string, url: URL, body: () => Promise<string>, reply: Reply): Promise<boolean> {
    const route = /^\/rest(?:\/[a-z0-9_]+)?\/V1\/bandeau\/(calls|lookup|routing\/facts|routing\/rules|phonebook|wrapup\/outcomes|calls\/([^/]{1,128})\/outcome)$/.exec(path);
    if (!route) return false;
    // Magento's REST errors: {"message": …, "parameters": …}.
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      reply(401, { message: "The consumer isn't authorized to access %resources.", parameters: { resources: 'Bandeau_Cti::api' } });
      return true;
    }
    if (route[1] === 'wrapup/outcomes' && req.method === 'GET' && this.wrapUps) {
      reply(200, this.wrapUps.outcomes);
      return true;
    }
    if (route[2] !== undefined && req.method === 'POST' && this.wrapUps) {
      // A desk phone's quick outcome (issue 17), as the bar's wrap-up: the agent must be a party to the call.
      let input: { outcome?: unknown; agentUserId?: unknown } | null;
      try {
        input = JSON.parse(await body()) as typeof input;
      } catch {
        reply(400, { message: 'Decoding error: the body is not JSON.' });
        return true;
      }
      const agentUserId = typeof input?.agentUserId === 'number' ? input.agentUserId : 0;
      if (typeof input?.outcome !== 'string' || agentUserId <= 0) {
        reply(400, { message: '"%fieldName" is required. Enter and try again.', parameters: { fieldName: typeof input?.outcome !== 'string' ? 'outcome' : 'agentUserId' } });
        return true;
      }
      const extension = DEMO_AGENTS.find((a) => a.userId === agentUserId)?.extension ?? '';
      const callId = decodeURIComponent(route[2]);
      const r = this.wrapUps.save(new URLSearchParams({ call_id: callId, outcome: input.outcome }), agentUserId, extension, false);
      const b = r.body as { error?: { message: string }; outcome?: string | null; tags?: string[] };
      // The wrap-up as stored (test/contract/calls.outcome.response.json), or Magento's error body.
      if (r.status !== 200) reply(r.status, { message: b.error?.message ?? 'The outcome was not saved.' });
      else reply(200, { call_id: callId, outcome: b.outcome ?? null, tags: b.tags ?? [] });
      return true;
    }
    if (route[1] === 'phonebook' && req.method === 'GET') {
      // As the module's route: afterId from 0, limit 1..5000 (desk phones' directory, demoPhonebook.ts).
      const afterId = Math.max(0, Number(url.searchParams.get('afterId') ?? 0) || 0);
      const limit = Math.min(5000, Math.max(1, Number(url.searchParams.get('limit') ?? 1000) || 1000));
      reply(200, demoPhonebook(this.dir, afterId, limit));
      return true;
    }
    if (route[1] === 'routing/rules' && req.method === 'GET') {
      reply(200, demoRoutingRules());
      return true;
    }
    if ((route[1] === 'lookup' || route[1] === 'routing/facts') && req.method === 'POST') {
      // As the module's route: the number in the JSON body only (a GET is not routed).
      let phone: unknown;
      try {
        phone = (JSON.parse(await body()) as { phone?: unknown } | null)?.phone;
      } catch {
        reply(400, { message: 'Decoding error: the body is not JSON.' });
        return true;
      }
      if (typeof phone !== 'string') {
        reply(400, { message: '"%fieldName" is required. Enter and try again.', parameters: { fieldName: 'phone' } });
        return true;
      }
      reply(200, route[1] === 'lookup' ? this.lookup(phone) : demoRoutingFacts(this.dir, phone, Date.now()));
      return true;
    }
    if (route[1] === 'calls' && req.method === 'POST') {
      let parsed: unknown;
      try {
        parsed = (JSON.parse(await body()) as { call?: unknown }).call;
      } catch {
        reply(400, { message: 'Decoding error: the body is not JSON.' });
        return true;
      }
      const call = ContractCall.safeParse(parsed);
      if (!call.success) {
        reply(400, { message: `Invalid call: ${call.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
        return true;
      }
      reply(200, this.upsert(call.data));
      return true;
    }
    // Magento's REST router: a route with another method does not match (404).
    reply(404, { message: 'Request does not match any route.' });
    return true;
  }
}

const DIRECTION: Record<ContractCall['direction'], string> = { inbound: 'Inbound', outbound: 'Outbound', internal: 'Internal' };
const RESULT: Record<NonNullable<ContractCall['disposition']>, string> = { answered: 'Answered', missed: 'Missed', abandoned: 'Abandoned', busy: 'Busy', failed: 'Failed', voicemail: 'Voicemail' };

/** The Wrap-up cell of call-table.phtml: outcome and tags in bold, the follow-up, the note. */
function wrapUpCell(w: { summary: string; followUp: string }, note: string | null): string {
  const summary = w.summary ? `<strong class="bandeau-calls__outcome">${e(w.summary)}</strong><br/>` : '';
  const followUp = w.followUp ? `<em class="bandeau-calls__follow-up">${e(w.followUp)}</em><br/>` : '';
  return summary + followUp + e(note ?? '').replace(/\n/g, '<br>\n');
}

/** 75 => "1:15", as CallHistory::formatDuration. */
const duration = (s: number | null | undefined) => `${Math.floor((s ?? 0) / 60)}:${String((s ?? 0) % 60).padStart(2, '0')}`;

/**
 * The customer's Calls tab as the module's call-table.phtml renders it (same columns and
 * labels, translated with the module's CSV for the page's locale).
 */
export function callsTableMarkup(
  calls: ContractCall[],
  t: (text: string) => string,
  wrapUp: (callId: string) => { summary: string; followUp: string } = () => ({ summary: '', followUp: '' }),
): string {
  if (calls.length === 0) return `<div class="message info empty"><span>${e(t('No calls yet.'))}</span></div>`;
  const head = ['Started', 'Direction', 'Number', 'Agent', 'Result', 'Duration', 'Wrap-up'].map((h) => `<th>${e(t(h))}</th>`).join('');
  const rows = calls.map((c) => {
    const number = (c.direction === 'outbound' ? c.to : c.from) ?? t('(anonymised)');
    const started = c.started_at.replace('T', ' ').replace(/(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/, '');
    const cells = [
      `<time datetime="${e(c.started_at)}">${e(started)}</time>`,
      e(t(DIRECTION[c.direction])),
      e(number),
      e(c.agent_extension ?? ''),
      e(c.disposition ? t(RESULT[c.disposition]) : ''),
      e(duration(c.talk_s)),
      wrapUpCell(wrapUp(c.call_id), c.note ?? null),
    ];
    return `<tr data-bandeau-call-id="${e(c.call_id)}">${cells.map((x) => `<td>${x}</td>`).join('')}</tr>`;
  });
  return `<table class="data-table admin__table-primary bandeau-calls"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
