import { normalizePhone } from '../phone';
import type { DemoCustomer, DemoDirectory } from './directory';
import { webhookPanelMarkup } from './demoPbxPanel';
import { escapeHtml as e } from './html';
import { cell, formMarkup, listingMarkup, magentoInit, type Component } from './uiComponents';

/** Everything a demo page needs from the demo site to load the real bundle. */
export interface PageAssets {
  pageBundleUrl: string;
  requireJsUrl: string;
  requireConfigUrl: string;
  /** JSON for data-bandeau-config, as the module's ViewModel renders it. */
  configJson: string;
  /** Show the "Demo PBX" panel (make customers call in). */
  demoPbx: boolean;
  /** With the generic webhook driver instead: where it listens, the panel then shows how to post to it. */
  webhookUrl?: string;
  /**
   * When the Magento stand-in applies its global bindings: after the bar has mounted (the order
   * that broke a real Magento), or before the bar's bundle is even loaded (`?magentoBindings=first`).
   */
  magentoBindings: 'after-bar' | 'before-bar';
  /** The page's language (`<html lang>`), from the admin user's locale (demo: `?lang=fr_FR`). */
  lang?: string;
}

/** The phone bar root and bundle, as the module's phone-bar.phtml renders them, and the bindings order. */
export function barMarkup(a: PageAssets): { bodyAttrs: string; root: string } {
  const before = a.magentoBindings === 'before-bar';
  return {
    bodyAttrs: ` data-demo-magento-bindings="${before ? 'before-bar' : 'after-bar'}"${before ? ` data-demo-bundle="${e(a.pageBundleUrl)}"` : ''}`,
    root: `<div id="bandeau-cti-root" data-bandeau-config="${e(a.configJson)}"></div>${before ? '' : `\n<script src="${e(a.pageBundleUrl)}" defer></script>`}`,
  };
}

/** The first-paint script beside the page bundle: in the head, without defer, as the module's default.xml adds it. */
const firstPaintUrl = (a: PageAssets) => a.pageBundleUrl.replace(/bandeau-page\.js$/, 'bandeau-first-paint.js');

const NAV: Array<[string, string]> = [
  ['/admin/dashboard/', 'Dashboard'],
  ['/admin/sales/order/', 'Orders'],
  ['/admin/customer/index/', 'Customers'],
];

const STYLE = `body{margin:0;font:14px/1.4 'Open Sans','Helvetica Neue',Arial,sans-serif;color:#303030;background:#f5f5f5}
.demo-banner{position:relative;z-index:2;background:#eb5202;color:#fff;padding:4px 16px;font-weight:600}
.admin__menu{position:fixed;top:0;bottom:0;left:0;width:88px;background:#373330;padding-top:40px}
.admin__menu a{display:block;color:#aaa6a0;padding:12px 8px;text-decoration:none;font-size:12px;text-align:center}
.admin__menu a.active{color:#fff;background:#524d49}
.page-wrapper{margin-left:88px;padding:0 24px 80px}
.page-title{font-size:28px;font-weight:300;margin:24px 0}
.page-main-actions{display:flex;justify-content:flex-end;gap:8px;background:#f8f8f8;border-top:1px solid #e3e3e3;border-bottom:1px solid #e3e3e3;padding:15px;margin:0 0 24px}
.page-actions button{font:600 15px/1.4 'Open Sans',Arial,sans-serif;padding:8px 16px;background:#e3e3e3;border:1px solid #adadad;color:#514943}
.page-actions button.primary{background:#eb5202;border-color:#eb5202;color:#fff}
table.data-grid{border-collapse:collapse;background:#fff;width:100%}
.data-grid th{background:#514943;color:#fff;text-align:left;padding:8px}
.data-grid td{border-bottom:1px solid #e3e3e3;padding:8px}
.admin__page-section{background:#fff;padding:16px;margin-bottom:16px}
.dashboard-card{display:inline-block;background:#fff;padding:16px 24px;margin:0 16px 16px 0;min-width:160px}
.demo-tabs{display:flex;gap:16px;align-items:flex-start}
.demo-tabs__nav{flex:0 0 200px;background:#fff;border:1px solid #e3e3e3}
.demo-tabs__nav a{display:block;padding:12px 16px;color:#303030;text-decoration:none;border-bottom:1px solid #e3e3e3}
.demo-tabs__nav a[aria-selected="true"]{border-left:4px solid #eb5202;font-weight:600}
.demo-tabs__panel{flex:1;min-width:0}
table.bandeau-calls{border-collapse:collapse;background:#fff;width:100%}
.bandeau-calls th{background:#514943;color:#fff;text-align:left;padding:8px}
.bandeau-calls td{border-bottom:1px solid #e3e3e3;padding:8px;vertical-align:top}
.message.info{background:#fffbbb;padding:12px 16px}
.demo-spinner{padding:24px;text-align:center;color:#6b6b6b;background:#fff}
button,input,optgroup,select,textarea{color:inherit;font:inherit;margin:0}`;
/* The last rule is normalize.css, which Magento's admin styles carry: form controls inherit the
   text colour around them (a phone bar styled by the page would get white-on-light controls). */

/**
 * Magento's page-actions toolbar of each page (the buttons sit at the top right of the content),
 * so the e2e can check the phone bar never covers them. `*` marks the primary button.
 */
function pageActions(title: string, path: string): string {
  const buttons =
    title === 'Customers' ? ['*Add New Customer']
    : title === 'Orders' ? ['*Create New Order']
    : title === 'New Customer' ? ['Back', 'Reset', '*Save Customer']
    : title.startsWith('#') ? ['Back', 'Send Email', 'Invoice', 'Ship']
    : title.startsWith('Create New Order') ? ['Back', 'Cancel']
    : path === '/admin/customer/index/' ? ['Back', 'Create Order', '*Save Customer']
    : [];
  if (buttons.length === 0) return '';
  const markup = buttons.map((b) => (b.startsWith('*') ? `<button type="button" class="action-default primary">${e(b.slice(1))}</button>` : `<button type="button" class="action-default">${e(b)}</button>`));
  return `<div class="page-main-actions"><div class="page-actions" data-ui-id="page-actions-toolbar-content-header">${markup.join('')}</div></div>`;
}

function layout(title: string, path: string, body: string, a: PageAssets, components: Record<string, Component> = {}): string {
  const bar = barMarkup(a);
  const nav = NAV.map(([href, label]) => `<a href="${href}"${path.startsWith(href) ? ' class="active"' : ''}>${e(label)}</a>`).join('');
  return `<!doctype html>
<html lang="${e(a.lang ?? 'en')}"><head><meta charset="utf-8"><title>${e(title)} / Magento Admin (Bandeau demo)</title>
<style>${STYLE}</style>
<script src="${e(a.requireJsUrl)}"></script>
<script src="${e(a.requireConfigUrl)}"></script>
<script src="${e(firstPaintUrl(a))}"></script>
</head><body class="adminhtml"${bar.bodyAttrs}>
<div class="demo-banner">Bandeau demo: pages shaped like the Magento admin, served by the bridge's demo mode. Not a Magento installation.</div>
<nav class="admin__menu">${nav}</nav>
<main class="page-wrapper"><h1 class="page-title">${e(title)}</h1>
${pageActions(title, path)}
${body}
</main>
${magentoInit(components)}
${bar.root}
${a.demoPbx ? '<script src="/static/demo/pbx.js" defer></script>' : a.webhookUrl ? webhookPanelMarkup(a.webhookUrl) : ''}
</body></html>`;
}

const customerName = (c: DemoCustomer) => `${c.firstname} ${c.lastname}`;
/** As the module renders phone numbers: the stored text shown, E.164 (from the address country) in the link. */
const telHref = (c: DemoCustomer) => {
  const n = normalizePhone(c.telephone, c.country);
  return `tel:${n.ok ? n.e164 : c.telephone.replace(/[^0-9+]/g, '')}`;
};
const telLink = (c: DemoCustomer) => `<a href="${e(telHref(c))}">${e(c.telephone)}</a>`;
const orderUrl = (id: number) => `/admin/sales/order/view/order_id/${id}/`;
const customerUrl = (id: number) => `/admin/customer/index/edit/id/${id}/`;

export function dashboardPage(dir: DemoDirectory, a: PageAssets): string {
  const body = `<div class="dashboard-card"><div>Lifetime Sales</div><strong>$4,992.90</strong></div>
<div class="dashboard-card"><div>Average Order</div><strong>$408.97</strong></div>
<section class="admin__page-section"><h2>Last Orders</h2>${listingMarkup('dashboard_last_orders')}</section>`;
  const rows = dir.orders.map((o) => {
    const c = dir.customers.find((x) => x.id === o.customerId);
    return [cell(`#${o.incrementId}`, orderUrl(o.id)), cell(c ? customerName(c) : ''), cell(o.grandTotal)];
  });
  return layout('Dashboard', '/admin/dashboard/', body, a, { dashboard_last_orders: { columns: ['Order', 'Customer', 'Total'], rows } });
}

export function orderGridPage(dir: DemoDirectory, a: PageAssets): string {
  const rows = dir.orders.map((o) => {
    const c = dir.customers.find((x) => x.id === o.customerId);
    return [cell(o.incrementId, orderUrl(o.id)), cell(o.createdAt), cell(c ? customerName(c) : ''), cell(o.grandTotal), cell(o.status)];
  });
  return layout('Orders', '/admin/sales/order/', listingMarkup('sales_order_grid'), a, {
    sales_order_grid: { columns: ['ID', 'Purchase Date', 'Bill-to Name', 'Grand Total', 'Status'], rows },
  });
}

export function orderViewPage(dir: DemoDirectory, orderId: number, a: PageAssets): string | null {
  const o = dir.orders.find((x) => x.id === orderId);
  const c = o && dir.customers.find((x) => x.id === o.customerId);
  if (!o || !c) return null;
  // The address telephone as a tel: link, as the module renders it.
  const body = `<section class="admin__page-section"><h2>Order &amp; Account Information</h2>
<p>Order Status: <strong>${e(o.status)}</strong> · Purchased ${e(o.createdAt)}</p>
<p>Customer: <a href="${customerUrl(c.id)}">${e(customerName(c))}</a> · ${e(c.email)} · Group ${e(c.group)}</p></section>
<section class="admin__page-section"><h2>Address Information</h2>
<address class="admin__page-section-item-content">${e(customerName(c))}<br>${e(c.country)}<br>T: ${telLink(c)}</address></section>
<section class="admin__page-section"><h2>Order Totals</h2>${listingMarkup('order_totals')}</section>`;
  return layout(`#${o.incrementId}`, '/admin/sales/order/', body, a, { order_totals: { columns: ['', ''], rows: [[cell('Grand Total'), cell(o.grandTotal)]] } });
}

export function customerGridPage(dir: DemoDirectory, a: PageAssets): string {
  const rows = dir.customers.map((c) => [
    cell(String(c.id)),
    cell(customerName(c), customerUrl(c.id)),
    cell(c.email),
    cell(c.group),
    cell(c.telephone, telHref(c)),
    cell(c.country),
  ]);
  return layout('Customers', '/admin/customer/index/', listingMarkup('customer_listing'), a, {
    customer_listing: { columns: ['ID', 'Name', 'Email', 'Group', 'Phone', 'Country'], rows },
  });
}

/** The customer page's Calls tab (the module's CallsTab block): its label and table. */
export interface CallsTab {
  label: string;
  table: string;
}

/** The customer page: "Customer View", or the module's "Calls" tab (`?tab=calls`). */
export function customerViewPage(dir: DemoDirectory, customerId: number, a: PageAssets, calls?: CallsTab & { open: boolean }): string | null {
  const c = dir.customers.find((x) => x.id === customerId);
  if (!c) return null;
  const rows = dir.orders.filter((o) => o.customerId === c.id).map((o) => [cell(`#${o.incrementId}`, orderUrl(o.id)), cell(o.status), cell(o.grandTotal)]);
  const view = `<section class="admin__page-section"><h2>Personal Information</h2>
<p>${e(customerName(c))} · ${e(c.email)} · Group ${e(c.group)}</p><p>Phone: ${telLink(c)}</p><p>Lifetime Sales ${e(c.lifetimeSales)}</p></section>
<section class="admin__page-section"><h2>Orders</h2>${listingMarkup('customer_orders')}</section>`;
  const open = calls?.open === true;
  const tab = (label: string, href: string, selected: boolean, name: string) => `<a role="tab" data-tab="${name}" href="${e(href)}" aria-selected="${selected}">${e(label)}</a>`;
  // Tabs down the left, as Magento's customer edit page; the Calls tab is the module's.
  const body = calls
    ? `<div class="demo-tabs"><nav class="demo-tabs__nav" role="tablist">${tab('Customer View', customerUrl(c.id), !open, 'view')}${tab(calls.label, `${customerUrl(c.id)}?tab=calls`, open, 'calls')}</nav>
<div class="demo-tabs__panel" role="tabpanel" data-tab-panel="${open ? 'calls' : 'view'}">${open ? `<section class="admin__page-section bandeau-customer-calls">${calls.table}</section>` : view}</div></div>`
    : view;
  return layout(customerName(c), '/admin/customer/index/', body, a, open ? {} : { customer_orders: { columns: ['Order', 'Status', 'Grand Total'], rows } });
}

export function newCustomerPage(phone: string, a: PageAssets): string {
  // As the module's plugin does on the real customer form (a UI form): the number arrives prefilled.
  const body = `<section class="admin__page-section"><h2>Account Information</h2>${formMarkup('customer_form')}</section>`;
  return layout('New Customer', '/admin/customer/index/', body, a, {
    customer_form: {
      fields: [
        { name: 'firstname', label: 'First Name', value: '' },
        { name: 'lastname', label: 'Last Name', value: '' },
        { name: 'telephone', label: 'Phone Number', value: phone },
      ],
    },
  });
}

export function createOrderPage(dir: DemoDirectory, customerId: number, a: PageAssets): string | null {
  const c = dir.customers.find((x) => x.id === customerId);
  if (!c) return null;
  const body = `<section class="admin__page-section"><p>Order creation for ${e(customerName(c))} (demo: the real admin opens the order form here).</p>${listingMarkup('order_create_customer')}</section>`;
  return layout(`Create New Order for ${customerName(c)}`, '/admin/sales/order/', body, a, {
    order_create_customer: { columns: ['Customer', 'Email', 'Group'], rows: [[cell(customerName(c), customerUrl(c.id)), cell(c.email), cell(c.group)]] },
  });
}
