import type { DirectoryResponse } from '../protocol/messages';
import { displayNumber, normalizePhone } from '../phone';
import type { DemoCustomer, DemoDirectory } from './directory';

/**
 * The demo's stand-in for the module's directory search (Model/Lookup/DirectorySearch.php): the
 * same answer shape (DirectoryResponse) and the same rules. An e-mail matches from its start, an
 * order number as typed or zero-padded to nine digits, a phone number by E.164, a name word by
 * word from the start of the first or last name (one word also as an e-mail); orders first,
 * then customers by name, ten at most.
 */
export function demoDirectorySearch(dir: DemoDirectory, text: string, region = 'FR'): DirectoryResponse {
  // eslint-disable-next-line no-control-regex
  const q = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 128);
  if (q.length < 2) return { query: q, results: [] };
  const low = (s: string) => s.toLocaleLowerCase('en');
  const phones = (c: DemoCustomer): Array<{ number: string; display: string }> => {
    const n = normalizePhone(c.telephone, c.country);
    return n.ok ? [{ number: n.e164, display: displayNumber(n.e164, region) ?? n.e164 }] : [];
  };
  const person = (c: DemoCustomer) => ({ customerId: c.id, name: `${c.firstname} ${c.lastname}`, email: c.email, url: `/admin/customer/index/edit/id/${c.id}/`, phones: phones(c) });
  const byName = (a: DemoCustomer, b: DemoCustomer) => a.lastname.localeCompare(b.lastname) || a.firstname.localeCompare(b.firstname) || a.id - b.id;
  const results: DirectoryResponse['results'] = [];
  let customers: DemoCustomer[] = [];
  if (q.includes('@')) {
    customers = dir.customers.filter((c) => low(c.email).startsWith(low(q))).sort((a, b) => a.email.localeCompare(b.email));
  } else if (/^#?[\s0-9+().\/-]+$/.test(q)) {
    const typed = q.replace(/^[#\s]+/, '');
    const numbers = /^[0-9]{1,32}$/.test(typed) ? [typed, typed.padStart(9, '0')] : [];
    for (const o of dir.orders.filter((x) => numbers.includes(x.incrementId)).sort((a, b) => b.id - a.id)) {
      const c = dir.customers.find((x) => x.id === o.customerId);
      if (!c) continue;
      results.push({ customerId: c.id, name: `${c.firstname} ${c.lastname}`, email: c.email, orderIncrementId: o.incrementId, url: `/admin/sales/order/view/order_id/${o.id}/`, phones: phones(c) });
    }
    const wanted = normalizePhone(q, region);
    customers = wanted.ok ? dir.customers.filter((c) => phones(c).some((p) => p.number === wanted.e164)).sort(byName) : [];
  } else {
    const words = q.split(/\s+/).map(low);
    customers = dir.customers
      .filter((c) => words.every((w) => low(c.firstname).startsWith(w) || low(c.lastname).startsWith(w)) || (words.length === 1 && low(c.email).startsWith(words[0] as string)))
      .sort(byName);
  }
  const listed = new Set(results.map((r) => r.customerId));
  for (const c of customers) if (!listed.has(c.id)) results.push(person(c));
  return { query: q, results: results.slice(0, 10) };
}
