import type { CustomerCard, LookupResponse } from '../protocol/messages';
import { normalizePhone } from '../phone';
import type { DemoDirectory } from './directory';
import { orderStatusLabel } from './orderStatus';

/**
 * The demo's stand-in for the module's lookup controller: the same answer shape
 * (LookupResponse), matched on E.164 with each customer's country as default region; each card
 * with the customer's last calls from the demo's call log (`lastCalls`, demoWrapUp.ts).
 */
export function demoLookup(
  dir: DemoDirectory,
  phone: string,
  defaultRegion = 'FR',
  translate?: (text: string) => string,
  lastCalls?: (customerId: number) => NonNullable<CustomerCard['lastCalls']>,
): LookupResponse {
  const wanted = normalizePhone(phone, defaultRegion);
  const e164 = wanted.ok ? wanted.e164 : phone.slice(0, 64);
  const customers = wanted.ok
    ? dir.customers.filter((c) => {
        const n = normalizePhone(c.telephone, c.country);
        return n.ok && n.e164 === e164;
      })
    : [];
  return {
    phone: e164,
    customers: customers.map((c) => {
      const orders = dir.orders.filter((o) => o.customerId === c.id).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return {
        customerId: c.id,
        name: `${c.firstname} ${c.lastname}`,
        email: c.email,
        group: c.group,
        lifetimeSales: c.lifetimeSales,
        url: `/admin/customer/index/edit/id/${c.id}/`,
        createOrderUrl: `/admin/sales/order_create/start/customer_id/${c.id}/`,
        lastOrders: orders.slice(0, 3).map((o) => ({ incrementId: o.incrementId, status: orderStatusLabel(o.status, translate), grandTotal: o.grandTotal, url: `/admin/sales/order/view/order_id/${o.id}/` })),
        openCart: c.openCart ?? null,
        lastCalls: lastCalls?.(c.id) ?? [],
      };
    }),
    newCustomerUrl: `/admin/customer/index/new/?bandeau_phone=${encodeURIComponent(e164)}`,
  };
}
