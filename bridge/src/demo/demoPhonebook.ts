import { normalizePhone } from '../phone';
import { DEMO_AGENTS, type DemoDirectory } from './directory';

/**
 * The demo's stand-in for the module's `GET /V1/bandeau/phonebook` (issue 17): customers with a
 * number, by customer id from `afterId`, `limit` at a time; the agents' extensions as the staff
 * list in the first page, as Magento sends them.
 */
export function demoPhonebook(dir: DemoDirectory, afterId: number, limit: number): unknown {
  const withNumber = dir.customers
    .filter((c) => c.id > afterId)
    .sort((a, b) => a.id - b.id)
    .map((c) => ({ c, n: normalizePhone(c.telephone, c.country) }))
    .filter((x) => x.n.ok);
  const page = withNumber.slice(0, limit);
  return {
    entries: page.map(({ c, n }) => ({ customer_id: c.id, name: `${c.firstname} ${c.lastname}`, group: c.group, phones: [{ e164: n.ok ? n.e164 : '', kind: 'billing' }] })),
    ...(afterId === 0 ? { staff: DEMO_AGENTS.map((a) => ({ name: a.name, extension: a.extension })) } : {}),
    next_after_id: withNumber.length > limit ? page[page.length - 1]!.c.id : null,
  };
}
