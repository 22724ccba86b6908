import { readAdminReply } from '../../../frontend-ts/src/campaignPages/adminReply';
import { describe as describeReply, whySentence } from '../../../frontend-ts/src/routingTest/describe';

// The English texts of Block/Adminhtml/Routing/TestBox.php (texts()).
const texts: Record<string, string> = {
  failed: 'The test failed. Please try again.',
  noRules: 'No active routing rule is configured: every call goes to the default route.',
  ruleMatched: 'Rule "%1" (%2) matches.',
  reason_no_match: 'No rule matches this known number: the default route.',
  reason_unknown_number: 'This number is not in the shop and no rule matches: the default route.',
  why_customer_group: 'Customer group %1',
  why_vip: 'VIP customer',
  why_not_vip: 'Not a VIP customer',
  why_lifetime_sales: 'Lifetime sales of at least %1',
  why_order_any_open: 'Open order #%1',
  why_order_not_shipped: 'Order #%1 not shipped',
  why_order_payment_problem: 'Payment problem on order #%1',
  why_order_payment_review: 'Order #%1 awaiting payment review',
  why_order_holded: 'Order #%1 on hold',
  why_order_status: 'Order #%1 with status %2',
  why_shipped_recently: 'Shipped %1 days ago (order #%2)',
  why_shipped_today: 'Shipped today (order #%1)',
  why_shipped_yesterday: 'Shipped yesterday (order #%1)',
  why_open_cart: 'Cart left open',
  why_no_open_cart: 'No open cart',
  why_store: 'Store view %1',
  why_unknown_number: 'Unknown number',
  why_known_number: 'Known number',
  route: 'Route', priority: 'Priority', message: 'Message', none: 'None', order: 'Order', customer: 'Customer',
  customerValue: '%1 (ID %2)', noCustomer: 'No customer account', vip: 'VIP', yes: 'Yes', no: 'No',
  language: 'Language', number: 'Number', orderLine: '#%1: %2', shipped: 'shipped', notShipped: 'not shipped',
  lastShipment: 'Last shipment', lastShipmentValue: 'Order #%1, %2',
};
const names = { groups: { '4': 'VIP' }, stores: { '1': 'Default Store View' } };

const notShipped = {
  phone: '+33612345678', route: 'sales', reason: 'rule', rule: { code: 'not_shipped', label: 'Order not shipped' },
  priority: 5, message: 'bandeau/order-being-prepared', order: '000000102', vip: false, lang: 'fr',
  customer: { id: 2, name: 'Camille Durand' },
  why: [{ code: 'order_not_shipped', order: '000000102' }],
  facts: {
    known: true,
    customer: { id: 2, name: 'Camille Durand', group_id: 1, store_id: 1, locale: 'fr_FR', lifetime_sales: 3410.5, open_cart: true },
    orders: [
      { increment_id: '000000102', state: 'new', status: 'pending', created_at: '2026-11-19T15:47:00Z', shipped: false, store_id: 1 },
      { increment_id: '000000101', state: 'processing', status: 'processing', created_at: '2026-11-10T09:00:00Z', shipped: true, store_id: 1 },
    ],
    last_shipment: { order_increment_id: '000000101', shipped_at: '2026-11-25T10:00:00Z' },
  },
  active_rules: 4,
};

describe('routing test box (Bandeau_Cti/js/routing-test)', () => {
  it('says which rule matched, why, the decision and the facts it used', () => {
    const view = describeReply(readAdminReply(200, notShipped), texts, names);
    expect(view).toEqual({
      state: 'ok',
      headline: 'Rule "Order not shipped" (not_shipped) matches.',
      warning: null,
      note: null,
      why: ['Order #000000102 not shipped'],
      details: [
        ['Number', '+33612345678'],
        ['Route', 'sales'],
        ['Priority', '5'],
        ['Message', 'bandeau/order-being-prepared'],
        ['Order', '#000000102'],
        ['Customer', 'Camille Durand (ID 2)'],
        ['VIP', 'No'],
        ['Language', 'fr'],
        ['Last shipment', 'Order #000000101, 2026-11-25 10:00 UTC'],
      ],
      orders: ['#000000102: pending (not shipped)', '#000000101: processing (shipped)'],
    });
  });

  it('turns every why code of the routing contract into its sentence', () => {
    const s = (item: unknown): string => whySentence(item, texts, names);
    expect(s({ code: 'customer_group', group_id: 4 })).toBe('Customer group VIP');
    expect(s({ code: 'customer_group', group_id: 9 })).toBe('Customer group #9');
    expect(s({ code: 'vip' })).toBe('VIP customer');
    expect(s({ code: 'not_vip' })).toBe('Not a VIP customer');
    expect(s({ code: 'lifetime_sales', amount: 1000 })).toBe('Lifetime sales of at least 1000.00');
    expect(s({ code: 'order_any_open', order: '7' })).toBe('Open order #7');
    expect(s({ code: 'order_payment_problem', order: '7' })).toBe('Payment problem on order #7');
    expect(s({ code: 'order_payment_review', order: '7' })).toBe('Order #7 awaiting payment review');
    expect(s({ code: 'order_holded', order: '7' })).toBe('Order #7 on hold');
    expect(s({ code: 'order_status', order: '7', status: 'fraud' })).toBe('Order #7 with status fraud');
    expect(s({ code: 'shipped_recently', order: '7', days: 3 })).toBe('Shipped 3 days ago (order #7)');
    expect(s({ code: 'shipped_recently', order: '7', days: 1 })).toBe('Shipped yesterday (order #7)');
    expect(s({ code: 'shipped_recently', order: '7', days: 0 })).toBe('Shipped today (order #7)');
    expect(s({ code: 'open_cart' })).toBe('Cart left open');
    expect(s({ code: 'no_open_cart' })).toBe('No open cart');
    expect(s({ code: 'store', store_id: 1 })).toBe('Store view Default Store View');
    expect(s({ code: 'unknown_number' })).toBe('Unknown number');
    expect(s({ code: 'known_number' })).toBe('Known number');
    // A code this version does not know is shown as it is rather than dropped; junk is dropped.
    expect(s({ code: 'moon_phase' })).toBe('moon_phase');
    expect(s(null)).toBe('');
    expect(s({ code: 42 })).toBe('');
  });

  it('explains a fallback and warns when no rule is active', () => {
    const unknown = {
      phone: '+33700000000', route: 'default', reason: 'unknown_number', rule: null, priority: 0, message: '',
      order: '', vip: false, lang: '', customer: null, why: [],
      facts: { known: false, customer: null, orders: [], last_shipment: null }, active_rules: 0,
    };
    const view = describeReply(readAdminReply(200, unknown), texts, names);
    expect(view.headline).toBe('This number is not in the shop and no rule matches: the default route.');
    expect(view.warning).toBe('No active routing rule is configured: every call goes to the default route.');
    expect(view.why).toEqual([]);
    expect(view.details).toEqual([
      ['Number', '+33700000000'], ['Route', 'default'], ['Priority', '0'], ['Message', 'None'],
      ['Customer', 'No customer account'], ['VIP', 'No'],
    ]);
    expect(view.orders).toEqual([]);
    expect(view.note).toBeNull();
  });

  it('says which country a national number was read with, and warns when the shop does not know it', () => {
    const t = { ...texts, readWithValue: '%1 (read as a number of %2)', readWithNote: 'Numbers without a country code are read as numbers of %1.' };
    const countries: Record<string, string> = { US: 'United States', FR: 'France' };
    const name = (code: string): string => countries[code] ?? code;
    const asUs = {
      phone: '+10142685300', route: 'default', reason: 'unknown_number', rule: null, priority: 0, message: '', order: '',
      vip: false, lang: '', customer: null, why: [], facts: { known: false, customer: null, orders: [], last_shipment: null },
      read_with: 'US', active_rules: 4,
    };
    const unknown = describeReply(readAdminReply(200, asUs), t, names, name);
    expect(unknown.details[0]).toEqual(['Number', '+10142685300 (read as a number of United States)']);
    expect(unknown.note).toBe('Numbers without a country code are read as numbers of United States.');
    const known = describeReply(readAdminReply(200, { ...notShipped, read_with: 'FR' }), t, names, name);
    expect(known.details[0]).toEqual(['Number', '+33612345678 (read as a number of France)']);
    expect(known.note).toBeNull();
    // Anything but a country code is ignored.
    expect(describeReply(readAdminReply(200, { ...asUs, read_with: '<b>' }), t, names, name).details[0]).toEqual(['Number', '+10142685300']);
  });

  it('shows the controller\'s refusal, Magento\'s, or a generic failure', () => {
    const refused = readAdminReply(400, { error: { code: 'invalid_number', message: 'This is not a phone number that can be read.' } });
    expect(describeReply(refused, texts, names)).toMatchObject({ state: 'error', headline: 'This is not a phone number that can be read.' });
    const formKey = readAdminReply(200, { error: true, message: 'Invalid Form Key. Please refresh the page.' });
    expect(describeReply(formKey, texts, names).headline).toBe('Invalid Form Key. Please refresh the page.');
    expect(describeReply(readAdminReply(502, null), texts, names)).toMatchObject({ state: 'error', headline: 'The test failed. Please try again.' });
    expect(describeReply(readAdminReply(200, { route: 'x' }), texts, names).state).toBe('error');
  });

  it('passes hostile text through as text: the box sets textContent only', () => {
    const hostile = { ...notShipped, customer: { id: 2, name: '<img src=x onerror=alert(1)>' }, rule: { code: 'x', label: '<b>' } };
    const view = describeReply(readAdminReply(200, hostile), texts, names);
    expect(view.headline).toBe('Rule "<b>" (x) matches.');
    expect(view.details).toContainEqual(['Customer', '<img src=x onerror=alert(1)> (ID 2)']);
  });
});
