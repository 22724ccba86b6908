import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CampaignDeferResponse, CampaignNextResponse, CampaignOutcomeResponse, LookupResponse, parseMessage, WrapUpResponse } from '../../../bridge/src/protocol/messages';
import { demoDirectory } from '../../../bridge/src/demo/directory';
import { demoLookup } from '../../../bridge/src/demo/demoLookup';
import { DemoCampaign } from '../../../bridge/src/demo/demoCampaign';
import { DemoWrapUps, memoryCalls } from '../../../bridge/src/demo/demoWrapUp';

const CONTRACT = path.resolve(__dirname, '../../contract');
const contract = (name: string): unknown => JSON.parse(readFileSync(path.join(CONTRACT, name), 'utf8'));

/** The keys of a JSON document, recursively (lists: their first item), as CampaignWorkTest::shape. */
function shape(v: unknown): unknown {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k])]));
  return 'value';
}
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

/** Wednesday 2026-11-18 10:00 UTC. */
const NOW = Date.parse('2026-11-18T10:00:00Z');

describe('the demo stands in for the module with the same shapes and rules (issue 13, points 5 and 12)', () => {
  it('wrap-up: the answer of Call/Note, its refusals as the module words them, and the last calls on the lookup card', () => {
    const dir = demoDirectory();
    const calls = memoryCalls();
    const wrapUps = new DemoWrapUps(calls, (id) => dir.customers.some((c) => c.id === id), () => NOW);
    // The bridge delivered the call (as Magento's REST upsert), then the agent wraps it up.
    calls.upsert({ call_id: 'c1', direction: 'inbound', started_at: '2026-11-18T09:40:00Z', disposition: 'answered', agent_user_id: 1, customer_id: 1 });
    const form = new URLSearchParams({ call_id: 'c1', note: 'Asked when the backpack ships; told her Friday.', outcome: 'Question answered', tags: 'Delivery,Urgent', follow_up_at: '2026-11-20', customer_id: '1', direction: 'inbound' });
    const saved = wrapUps.save(form, 1, '7001', false);
    expect(saved.status).toBe(200);
    expect(parseMessage(WrapUpResponse, saved.body)).toMatchObject({ ok: true });
    // Controller/Adminhtml/Call/Note.php answers exactly these keys.
    expect(saved.body).toEqual({ callId: 'c1', note: 'Asked when the backpack ships; told her Friday.', outcome: 'Question answered', tags: ['Delivery', 'Urgent'], followUpAt: '2026-11-20T00:00:00Z', customerId: 1 });

    const refusals: Array<[Record<string, string>, string]> = [
      [{ call_id: 'c2', outcome: 'Sold' }, '"Sold" is not one of the configured outcomes.'],
      [{ call_id: 'c2', tags: 'Refund' }, '"Refund" is not one of the configured tags.'],
      [{ call_id: 'c2', note: 'x', follow_up_at: '2026-11-17' }, 'The follow-up date is in the past.'],
      [{ call_id: 'c2', note: 'x', follow_up_at: '2026-02-30' }, 'The follow-up date "2026-02-30" is not a date.'],
      [{ call_id: 'c2', note: 'x', follow_up_at: '2029-11-20' }, 'The follow-up date is more than two years away.'],
      [{ call_id: 'c2', note: '  ' }, 'Write a note or choose an outcome.'],
      [{ note: 'x' }, 'A call is required.'],
    ];
    for (const [post, message] of refusals) {
      expect(wrapUps.save(new URLSearchParams(post), 1, '7001', false)).toEqual({ status: 400, body: { error: { code: 'invalid', message } } });
    }
    calls.upsert({ call_id: 'bobs', direction: 'inbound', from: '+33612345678', started_at: '2026-11-18T09:00:00Z', agent_user_id: 2, agent_extension: '7002' });
    expect(wrapUps.save(new URLSearchParams({ call_id: 'bobs', note: 'x' }), 1, '7001', false)).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'Only an agent who took part in this call can wrap it up.' } } });
    expect(wrapUps.save(new URLSearchParams({ call_id: 'bobs', note: 'x' }), 1, '7001', true).status).toBe(200);
    expect(calls.get('bobs')).toMatchObject({ agent_user_id: 2, agent_extension: '7002' });
    // Bruno's wrap-up waiting for its record is his: Alice's all_calls does not reach it.
    expect(wrapUps.save(new URLSearchParams({ call_id: 'pending', note: 'x' }), 2, '7002', false).status).toBe(200);
    expect(wrapUps.save(new URLSearchParams({ call_id: 'pending', note: 'y' }), 1, '7001', true).status).toBe(403);

    // A wrap-up before the bridge's record: a stub on the customer, completed later.
    expect(wrapUps.save(new URLSearchParams({ call_id: 'early', outcome: 'Complaint', customer_id: '1', direction: 'outbound' }), 1, '7001', false).status).toBe(200);
    expect(calls.get('early')).toMatchObject({ direction: 'outbound', customer_id: 1, agent_user_id: 1, started_at: '2026-11-18T10:00:00Z' });

    const lookup = json(demoLookup(dir, '+12122293326', 'FR', undefined, (id) => wrapUps.lastCalls(id)));
    expect(parseMessage(LookupResponse, lookup)).toMatchObject({ ok: true });
    const card = (lookup as { customers: Array<Record<string, unknown>> }).customers[0]!;
    const expected = (contract('admin.lookup.response.json') as { customers: Array<Record<string, unknown>> }).customers[0]!;
    // The call the bridge delivered and the agent wrapped up has every field, as the contract's first.
    expect(shape((card.lastCalls as unknown[]).slice(1))).toEqual(shape(expected.lastCalls));
    expect(Object.keys(card).sort()).toEqual(Object.keys(expected).sort());
    expect(card.lastCalls).toEqual([
      { callId: 'early', startedAt: '2026-11-18T10:00:00Z', direction: 'outbound', disposition: null, outcome: 'Complaint', note: null },
      { callId: 'c1', startedAt: '2026-11-18T09:40:00Z', direction: 'inbound', disposition: 'answered', outcome: 'Question answered', note: 'Asked when the backpack ships; told her Friday.' },
    ]);
    expect(wrapUps.summary('c1')).toEqual({ summary: 'Question answered · Delivery, Urgent', followUp: 'Follow up on 2026-11-20' });
  });

  it('campaign: next, outcome and snooze answer the contract shapes; a callback comes back only at its time', () => {
    let now = NOW;
    const campaign = new DemoCampaign(demoDirectory(), false, () => now);
    const first = json(campaign.next(1, '2026-11-18T00:00:00+01:00'));
    expect(parseMessage(CampaignNextResponse, first)).toMatchObject({ ok: true });
    expect(shape(first)).toEqual(shape(contract('campaign.next.response.json')));
    const contactId = String((first as { contact: { contactId: number } }).contact.contactId);

    const early = campaign.outcome(1, new URLSearchParams({ contactId, outcome: 'callback' }));
    expect(early).toEqual({ status: 400, body: { error: { code: 'invalid', message: 'A callback needs a date and time (callbackAt, ISO-8601 with time zone).' } } });
    const saved = campaign.outcome(1, new URLSearchParams({ contactId, outcome: 'callback', callbackAt: '2026-11-18T14:00:00+01:00', note: 'After her meeting', dayStart: '2026-11-18T00:00:00+01:00' }));
    expect(saved.status).toBe(200);
    expect(parseMessage(CampaignOutcomeResponse, saved.body)).toMatchObject({ ok: true });
    expect(shape(saved.body)).toEqual(shape(contract('campaign.outcome.response.json')));
    expect(saved.body).toMatchObject({ status: 'callback', nextAttemptAt: '2026-11-18T13:00:00Z', today: { calls: 1, results: [{ outcome: 'callback', count: 1 }] } });

    // Not at once, to nobody, until 13:00 UTC.
    const others = new Set<number>();
    for (let agent = 1; agent <= 5; agent++) {
      const r = campaign.next(agent);
      if (r.contact) others.add(r.contact.contactId);
    }
    expect(others.has(Number(contactId))).toBe(false);
    now = Date.parse('2026-11-18T13:00:00Z');
    // The claims of the others expired by then (15 minutes): the callback is first.
    expect(campaign.next(9).contact?.contactId).toBe(Number(contactId));
    expect(campaign.next(9).callbackAt).toBe('2026-11-18T13:00:00Z');

    const snoozed = campaign.defer('snooze', 9, new URLSearchParams({ contactId, reason: 'In a meeting', until: '2026-11-18T16:00:00+01:00', dayStart: '2026-11-18T00:00:00+01:00' }));
    expect(parseMessage(CampaignDeferResponse, snoozed.body)).toMatchObject({ ok: true });
    expect(shape(snoozed.body)).toEqual(shape(contract('campaign.snooze.response.json')));
    expect(snoozed.body).toMatchObject({ status: 'callback', nextAttemptAt: '2026-11-18T15:00:00Z', today: { snoozed: 1 } });
    expect(campaign.defer('skip', 9, new URLSearchParams({ contactId, reason: ' ' }))).toEqual({ status: 400, body: { error: { code: 'invalid', message: 'Say why you skip this contact.' } } });
    expect(campaign.defer('skip', 9, new URLSearchParams({ contactId, reason: 'x' })).status).toBe(409);
  });

  it('campaign: a skipped contact goes after every other due contact; the day counts the agent only', () => {
    const now = NOW;
    const campaign = new DemoCampaign(demoDirectory(), false, () => now);
    const a = campaign.next(1).contact!.contactId;
    expect(campaign.defer('skip', 1, new URLSearchParams({ contactId: String(a), reason: 'Not my customer' }))).toMatchObject({ status: 200, body: { status: 'retry' } });
    const b = campaign.next(1).contact!.contactId;
    expect(b).not.toBe(a);
    expect(campaign.outcome(1, new URLSearchParams({ contactId: String(b), outcome: 'wrong_number' })).status).toBe(200);
    expect(campaign.next(1).contact?.contactId).toBe(a);
    expect(campaign.today(1, null)).toMatchObject({ calls: 1, skipped: 1, snoozed: 0, results: [{ outcome: 'wrong_number', count: 1 }] });
    expect(campaign.today(2, null)).toMatchObject({ calls: 0, skipped: 0, results: [] });
  });
});
