import { normalizePhone } from '../phone';
import type { DemoCustomer, DemoDirectory } from './directory';
import { escapeHtml as e } from './html';

/** Everything a demo page needs from the demo site to load the real bundle. */
export interface PageAssets {
  pageBundleUrl: string;
  requireJsUrl: string;
  requireConfigUrl: string;
  /** JSON for data-bandeau-config, as the module's ViewModel renders it. */
  configJson: string;
  /** Show the "Demo PBX" panel (make customers call in). */
  demoPbx: boolean;
}

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
table.data-grid{border-collapse:collapse;background:#fff;width:100%}
.data-grid th{background:#514943;color:#fff;text-align:left;padding:8px}
.data-grid td{border-bottom:1px solid #e3e3e3;padding:8px}
.admin__page-section{background:#fff;padding:16px;margin-bottom:16px}
.dashboard-card{display:inline-block;background:#fff;padding:16px 24px;margin:0 16px 16px 0;min-width:160px}`;

function layout(title: string, path: string, body: string, a: PageAssets): string {
  const nav = NAV.map(([href, label]) => `<a href="${href}"${path.startsWith(href) ? ' class="active"' : ''}>${e(label)}</a>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(title)} / Magento Admin (Bandeau demo)</title>
<style>${STYLE}</style>
<script src="${e(a.requireJsUrl)}"></script>
<script src="${e(a.requireConfigUrl)}"></script>
</head><body class="adminhtml">
<div class="demo-banner">Bandeau demo: pages shaped like the Magento admin, served by the bridge's demo mode. Not a Magento installation.</div>
<nav class="admin__menu">${nav}</nav>
<main class="page-wrapper"><h1 class="page-title">${e(title)}</h1>
${body}
</main>
<div id="bandeau-cti-root" data-bandeau-config="${e(a.configJson)}"></div>
<script src="${e(a.pageBundleUrl)}" defer></script>
${a.demoPbx ? '<script src="/static/demo/pbx.js" defer></script>' : ''}
</body></html>`;
}

const customerName = (c: DemoCustomer) => `${c.firstname} ${c.lastname}`;
/** As the module renders phone numbers: the stored text shown, E.164 (from the address country) in the link. */
const telLink = (c: DemoCustomer) => {
  const n = normalizePhone(c.telephone, c.country);
  return `<a href="tel:${e(n.ok ? n.e164 : c.telephone.replace(/[^0-9+]/g, ''))}">${e(c.telephone)}</a>`;
};

export function dashboardPage(dir: DemoDirectory, a: PageAssets): string {
  const body = `<div class="dashboard-card"><div>Lifetime Sales</div><strong>$4,992.90</strong></div>
<div class="dashboard-card"><div>Average Order</div><strong>$408.97</strong></div>
<section class="admin__page-section"><h2>Last Orders</h2><table class="data-grid"><thead><tr><th>Order</th><th>Customer</th><th>Total</th></tr></thead><tbody>
${dir.orders.map((o) => {
  const c = dir.customers.find((x) => x.id === o.customerId);
  return `<tr><td><a href="/admin/sales/order/view/order_id/${o.id}/">#${e(o.incrementId)}</a></td><td>${e(c ? customerName(c) : '')}</td><td>${e(o.grandTotal)}</td></tr>`;
}).join('\n')}
</tbody></table></section>`;
  return layout('Dashboard', '/admin/dashboard/', body, a);
}

export function orderGridPage(dir: DemoDirectory, a: PageAssets): string {
  const rows = dir.orders.map((o) => {
    const c = dir.customers.find((x) => x.id === o.customerId);
    return `<tr><td><a href="/admin/sales/order/view/order_id/${o.id}/">${e(o.incrementId)}</a></td><td>${e(o.createdAt)}</td><td>${e(c ? customerName(c) : '')}</td><td>${e(o.grandTotal)}</td><td>${e(o.status)}</td></tr>`;
  });
  return layout('Orders', '/admin/sales/order/', `<table class="data-grid"><thead><tr><th>ID</th><th>Purchase Date</th><th>Bill-to Name</th><th>Grand Total</th><th>Status</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`, a);
}

export function orderViewPage(dir: DemoDirectory, orderId: number, a: PageAssets): string | null {
  const o = dir.orders.find((x) => x.id === orderId);
  const c = o && dir.customers.find((x) => x.id === o.customerId);
  if (!o || !c) return null;
  // The core address renderer already prints tel: links for {{var telephone}}.
  const body = `<section class="admin__page-section"><h2>Order &amp; Account Information</h2>
<p>Order Status: <strong>${e(o.status)}</strong> · Purchased ${e(o.createdAt)}</p>
<p>Customer: <a href="/admin/customer/index/edit/id/${c.id}/">${e(customerName(c))}</a> · ${e(c.email)} · Group ${e(c.group)}</p></section>
<section class="admin__page-section"><h2>Address Information</h2>
<address class="admin__page-section-item-content">${e(customerName(c))}<br>${e(c.country)}<br>T: ${telLink(c)}</address></section>
<section class="admin__page-section"><h2>Order Totals</h2><p>Grand Total <strong>${e(o.grandTotal)}</strong></p></section>`;
  return layout(`#${o.incrementId}`, '/admin/sales/order/', body, a);
}

export function customerGridPage(dir: DemoDirectory, a: PageAssets): string {
  const rows = dir.customers.map(
    (c) => `<tr><td>${c.id}</td><td><a href="/admin/customer/index/edit/id/${c.id}/">${e(customerName(c))}</a></td><td>${e(c.email)}</td><td>${e(c.group)}</td><td>${telLink(c)}</td><td>${e(c.country)}</td></tr>`,
  );
  return layout('Customers', '/admin/customer/index/', `<table class="data-grid"><thead><tr><th>ID</th><th>Name</th><th>Email</th><th>Group</th><th>Phone</th><th>Country</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`, a);
}

export function customerViewPage(dir: DemoDirectory, customerId: number, a: PageAssets): string | null {
  const c = dir.customers.find((x) => x.id === customerId);
  if (!c) return null;
  const orders = dir.orders.filter((o) => o.customerId === c.id)
    .map((o) => `<li><a href="/admin/sales/order/view/order_id/${o.id}/">#${e(o.incrementId)}</a> ${e(o.status)} ${e(o.grandTotal)}</li>`)
    .join('');
  const body = `<section class="admin__page-section"><h2>Personal Information</h2>
<p>${e(customerName(c))} · ${e(c.email)} · Group ${e(c.group)}</p><p>Phone: ${telLink(c)}</p><p>Lifetime Sales ${e(c.lifetimeSales)}</p></section>
<section class="admin__page-section"><h2>Orders</h2><ul>${orders}</ul></section>`;
  return layout(customerName(c), '/admin/customer/index/', body, a);
}

export function newCustomerPage(phone: string, a: PageAssets): string {
  // As the module's plugin does on the real customer form: the number arrives prefilled.
  const body = `<section class="admin__page-section"><h2>Account Information</h2>
<form><p><label>First Name <input name="firstname"></label></p><p><label>Last Name <input name="lastname"></label></p>
<p><label>Phone Number <input name="telephone" value="${e(phone)}"></label></p></form></section>`;
  return layout('New Customer', '/admin/customer/index/', body, a);
}

export function createOrderPage(dir: DemoDirectory, customerId: number, a: PageAssets): string | null {
  const c = dir.customers.find((x) => x.id === customerId);
  if (!c) return null;
  return layout(`Create New Order for ${customerName(c)}`, '/admin/sales/order/', `<section class="admin__page-section"><p>Order creation for ${e(customerName(c))} (demo: the real admin opens the order form here).</p></section>`, a);
}
