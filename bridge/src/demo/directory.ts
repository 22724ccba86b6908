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
  grandTotal: string;
  createdAt: string;
}

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
  { id: 1, firstname: 'Veronica', lastname: 'Costello', email: 'roni_cost@example.com', group: 'General', telephone: '(212) 229-3326', country: 'US', lifetimeSales: '$1,284.00', openCart: { items: 2, total: '$89.90' }, cartLines: [{ name: 'Driven Backpack', sku: '24-WB03', qty: 1, rowTotal: '$36.00' }, { name: 'Sprite Yoga Strap', sku: '24-WG085', qty: 3, rowTotal: '$53.90' }] },
  { id: 2, firstname: 'Camille', lastname: 'Durand', email: 'camille.durand@example.fr', group: 'Wholesale', telephone: '06 12 34 56 78', country: 'FR', lifetimeSales: '€3,410.50', openCart: { items: 1, total: '€149.00' }, cartLines: [{ name: 'Chaise longue Hélios', sku: 'CH-HEL', qty: 1, rowTotal: '€149.00' }] },
  { id: 3, firstname: 'Jonas', lastname: 'Weber', email: 'j.weber@example.de', group: 'General', telephone: '+49 30 901820', country: 'DE', lifetimeSales: '€212.00' },
  { id: 4, firstname: 'Amelia', lastname: 'Clarke', email: 'amelia.clarke@example.co.uk', group: 'Retailer', telephone: '020 7946 0018', country: 'GB', lifetimeSales: '£96.40' },
  // A household sharing one landline, written two ways: their calls open the bar's chooser.
  { id: 5, firstname: 'Hugo', lastname: 'Lefèvre', email: 'hugo.lefevre@example.fr', group: 'General', telephone: '01 84 88 12 34', country: 'FR', lifetimeSales: '€0.00' },
  { id: 6, firstname: 'Léa', lastname: 'Lefèvre', email: 'lea.lefevre@example.fr', group: 'General', telephone: '+33 1 84 88 12 34', country: 'FR', lifetimeSales: '€59.00' },
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

export const DEMO_ORDERS: DemoOrder[] = [
  { id: 1, incrementId: '000000101', customerId: 1, status: 'processing', grandTotal: '$214.00', createdAt: '2026-11-18 10:12' },
  { id: 2, incrementId: '000000102', customerId: 2, status: 'pending', grandTotal: '€1,120.00', createdAt: '2026-11-19 15:47' },
  { id: 3, incrementId: '000000103', customerId: 3, status: 'complete', grandTotal: '€212.00', createdAt: '2026-11-20 09:03' },
  { id: 4, incrementId: '000000104', customerId: 2, status: 'processing', grandTotal: '€89.90', createdAt: '2026-11-21 17:25' },
  { id: 5, incrementId: '000000105', customerId: 6, status: 'complete', grandTotal: '€59.00', createdAt: '2026-11-22 11:40' },
];

/** The demo's directory: the built-in records, plus any a JSON file adds (tests, a merchant's trial). */
export interface DemoDirectory {
  customers: DemoCustomer[];
  orders: DemoOrder[];
}

export function demoDirectory(extra?: Partial<DemoDirectory>): DemoDirectory {
  return { customers: [...DEMO_CUSTOMERS, ...(extra?.customers ?? [])], orders: [...DEMO_ORDERS, ...(extra?.orders ?? [])] };
}
