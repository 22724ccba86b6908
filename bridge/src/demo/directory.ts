/**
 * The demo's small customer and order directory: what Magento would hold. The demo pages
 * render it and, in demo mode, the bridge looks callers up in it.
 */
export interface DemoCustomer {
  id: number;
  firstname: string;
  lastname: string;
  email: string;
  group: string;
  /** Magento's customer group id (0 NOT LOGGED IN, 1 General, 2 Wholesale, 3 Retailer; the demo adds 4 VIP); default from `group`. */
  groupId?: number;
  /** The customer's store view (DEMO_STORES); default 1, the English one. */
  storeId?: number;
  telephone: string;
  country: string;
  lifetimeSales: string;
  openCart?: { items: number; total: string };
  /** Lines of the abandoned cart, for the demo campaign. */
  cartLines?: Array<{ name: string; sku: string; qty: number; rowTotal: string }>;
}

export interface DemoOrder {
  id: number;
  incrementId: string;
  customerId: number;
  status: string;
  /** Magento's order state (new, processing, complete, holded…); default derived from `status`. */
  state?: string;
  grandTotal: string;
  createdAt: string;
  /**
   * Days between the order's (last) shipment and the demo's start; absent: not shipped. Relative,
   * so "delivered within 14 days" holds whenever the demo runs.
   */
  shippedDaysAgo?: number;
}

/** The demo shop's store views and their locale (general/locale/code at store scope). */
export const DEMO_STORES: Record<number, { name: string; locale: string }> = {
  1: { name: 'Default Store View', locale: 'en_US' },
  2: { name: 'Vue française', locale: 'fr_FR' },
};

/** Customer group ids by name, as a default Magento install has them, plus the demo's VIP group. */
export const DEMO_GROUP_IDS: Record<string, number> = { 'NOT LOGGED IN': 0, General: 1, Wholesale: 2, Retailer: 3, VIP: 4 };

/** The group ids the demo's routing rules treat as VIP (vip_group_ids). */
export const DEMO_VIP_GROUP_IDS = [4];

export interface DemoAgent {
  userId: number;
  name: string;
  extension: string;
  permissions: string[];
}

export const DEMO_AGENTS: DemoAgent[] = [
  { userId: 1, name: 'Alice Martin', extension: '7001', permissions: ['phone_bar', 'dial', 'all_calls', 'campaigns'] },
  { userId: 2, name: 'Bruno Petit', extension: '7002', permissions: ['phone_bar', 'dial'] },
];

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  // The VIP: her calls skip the queue (routing rule `vip`).
  { id: 1, firstname: 'Veronica', lastname: 'Costello', email: 'roni_cost@example.com', group: 'VIP', telephone: '(212) 229-3326', country: 'US', lifetimeSales: '$1,284.00', openCart: { items: 2, total: '$89.90' }, cartLines: [{ name: 'Driven Backpack', sku: '24-WB03', qty: 1, rowTotal: '$36.00' }, { name: 'Sprite Yoga Strap', sku: '24-WG085', qty: 3, rowTotal: '$53.90' }] },
  { id: 2, firstname: 'Camille', lastname: 'Durand', email: 'camille.durand@example.fr', group: 'Wholesale', storeId: 2, telephone: '06 12 34 56 78', country: 'FR', lifetimeSales: '€3,410.50', openCart: { items: 1, total: '€149.00' }, cartLines: [{ name: 'Chaise longue Hélios', sku: 'CH-HEL', qty: 1, rowTotal: '€149.00' }] },
  { id: 3, firstname: 'Jonas', lastname: 'Weber', email: 'j.weber@example.de', group: 'General', telephone: '+49 30 901820', country: 'DE', lifetimeSales: '€212.00' },
  { id: 4, firstname: 'Amelia', lastname: 'Clarke', email: 'amelia.clarke@example.co.uk', group: 'Retailer', telephone: '020 7946 0018', country: 'GB', lifetimeSales: '£96.40' },
  // A household sharing one landline, written two ways: their calls open the bar's chooser.
  { id: 5, firstname: 'Hugo', lastname: 'Lefèvre', email: 'hugo.lefevre@example.fr', group: 'General', storeId: 2, telephone: '01 84 88 12 34', country: 'FR', lifetimeSales: '€0.00' },
  { id: 6, firstname: 'Léa', lastname: 'Lefèvre', email: 'lea.lefevre@example.fr', group: 'General', storeId: 2, telephone: '+33 1 84 88 12 34', country: 'FR', lifetimeSales: '€59.00' },
];

/** The number the Lefèvre household shares, as the Demo PBX panel offers it. */
export const SHARED_NUMBER_CALLER = { number: '+33184881234', label: 'Hugo & Léa Lefèvre (shared number)' };

/** Who can call in from the Demo PBX panel: E.164 number and label. */
export const DEMO_CALLERS: Array<[string, string]> = [
  ['+12122293326', 'Veronica Costello'],
  ['+33612345678', 'Camille Durand'],
  ['+4930901820', 'Jonas Weber'],
  [SHARED_NUMBER_CALLER.number, SHARED_NUMBER_CALLER.label],
  ['+33123456789', 'Unknown caller'],
];

/**
 * What routing makes of them (demoRouting.ts, default rules): Veronica (VIP) -> vip; Camille's
 * 000000102 is not shipped (000000104 is, though not yet invoiced) -> sales, in French; Jonas's
 * 000000103 was delivered 3 days ago -> support; Léa Lefèvre's 000000105 (an e-gift card,
 * nothing shipped) is complete -> default (no rule); an unknown number -> default.
 */
export const DEMO_ORDERS: DemoOrder[] = [
  { id: 1, incrementId: '000000101', customerId: 1, status: 'processing', state: 'processing', grandTotal: '$214.00', createdAt: '2026-11-18 10:12' },
  { id: 2, incrementId: '000000102', customerId: 2, status: 'pending', state: 'new', grandTotal: '€1,120.00', createdAt: '2026-11-19 15:47' },
  { id: 3, incrementId: '000000103', customerId: 3, status: 'complete', state: 'complete', grandTotal: '€212.00', createdAt: '2026-11-20 09:03', shippedDaysAgo: 3 },
  { id: 4, incrementId: '000000104', customerId: 2, status: 'processing', state: 'processing', grandTotal: '€89.90', createdAt: '2026-11-21 17:25', shippedDaysAgo: 2 },
  { id: 5, incrementId: '000000105', customerId: 6, status: 'complete', state: 'complete', grandTotal: '€59.00', createdAt: '2026-11-22 11:40' },
];

/** The demo's directory: the built-in records, plus any a JSON file adds (tests, a merchant's trial). */
export interface DemoDirectory {
  customers: DemoCustomer[];
  orders: DemoOrder[];
}

export function demoDirectory(extra?: Partial<DemoDirectory>): DemoDirectory {
  return { customers: [...DEMO_CUSTOMERS, ...(extra?.customers ?? [])], orders: [...DEMO_ORDERS, ...(extra?.orders ?? [])] };
}
