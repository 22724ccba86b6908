import { escapeHtml as e } from './html';

/**
 * Knockout-bound content of the demo pages, declared as Magento declares its UI components: the
 * markup carries `data-bind="scope: 'name'"` and a `text/x-magento-init` script hands the data to
 * `Magento_Ui/js/core/app` (see magentoStandIn.ts). Until Magento's global bindings have run, a
 * component shows only its spinner, so a page whose bindings failed looks as it does in Magento.
 */
export interface Cell {
  text: string;
  href: string | null;
}

export type Component = { columns: string[]; rows: Cell[][] } | { fields: Array<{ name: string; label: string; value: string }> };

export const cell = (text: string, href: string | null = null): Cell => ({ text, href });

const spinner = `<div class="demo-spinner" data-role="spinner" data-bind="visible: false">Loading…</div>`;

/** A grid: its rows exist only once knockout has bound it. */
export function listingMarkup(name: string): string {
  return `<div class="demo-component" data-demo-component="${e(name)}" data-bind="scope: '${e(name)}'">${spinner}
<table class="data-grid" style="display:none" data-bind="visible: true"><thead><tr data-bind="foreach: columns"><th data-bind="text: $data"></th></tr></thead>
<tbody data-bind="foreach: rows"><tr data-bind="foreach: $data"><td><!-- ko if: href --><a data-bind="attr: { href: href }, text: text"></a><!-- /ko --><!-- ko ifnot: href --><span data-bind="text: text"></span><!-- /ko --></td></tr></tbody></table></div>`;
}

/** A form: its inputs exist only once knockout has bound it (Magento's customer form is one). */
export function formMarkup(name: string): string {
  return `<div class="demo-component" data-demo-component="${e(name)}" data-bind="scope: '${e(name)}'">${spinner}
<form style="display:none" data-bind="visible: true, foreach: fields"><p><label><span data-bind="text: label"></span> <input data-bind="attr: { name: name }, value: value"></label></p></form></div>`;
}

/** The `text/x-magento-init` script giving the page's components to Magento_Ui/js/core/app. */
export function magentoInit(components: Record<string, Component>): string {
  // JSON inside <script>: no "<" may survive, or data could close the element.
  const json = JSON.stringify({ '*': { 'Magento_Ui/js/core/app': { components } } }).replace(/</g, '\\u003c');
  return `<script type="text/x-magento-init">${json}</script>`;
}
