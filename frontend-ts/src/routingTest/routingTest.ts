/**
 * RequireJS module `Bandeau_Cti/js/routing-test` (templates/routing/test-box.phtml, through
 * x-magento-init, in Stores > Configuration > Bandeau > Call routing): "Test" posts the number and
 * the form key to bandeau/routing/test and shows which rule matches and why. Everything shown is
 * set as text (textContent), never as markup: the reply carries names the shop's customers typed.
 */
import { adminJson } from '../campaignPages/adminJson';
import { describe, type RoutingTestTexts, type RoutingTestView } from './describe';

export interface RoutingTestConfig {
  testUrl: string;
  formKey: string;
  groups?: Record<string, string>;
  stores?: Record<string, string>;
  texts: RoutingTestTexts;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, role: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.setAttribute('data-role', role);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Replaces the output's content with the view, as text nodes. */
export function renderView(output: HTMLElement, view: RoutingTestView, texts: RoutingTestTexts): void {
  output.replaceChildren();
  output.setAttribute('data-state', view.state);
  const headline = el('p', 'bandeau-routing-headline', view.headline);
  headline.className = view.state === 'error' ? 'message message-error' : 'bandeau-routing-headline';
  output.append(headline);
  if (view.warning) {
    const warning = el('p', 'bandeau-routing-warning', view.warning);
    warning.className = 'message message-warning';
    output.append(warning);
  }
  if (view.note) {
    const note = el('p', 'bandeau-routing-note', view.note);
    note.className = 'message message-notice';
    output.append(note);
  }
  if (view.why.length > 0) {
    output.append(el('strong', 'bandeau-routing-why-title', texts.whyTitle ?? 'Why'));
    const list = el('ul', 'bandeau-routing-why');
    for (const sentence of view.why) list.append(el('li', 'bandeau-routing-why-item', sentence));
    output.append(list);
  }
  if (view.details.length > 0) {
    const dl = el('dl', 'bandeau-routing-details');
    // The class, not only the role: the template's styles undo Magento's `.accordion dd { display: none }`.
    dl.className = 'bandeau-routing-details';
    for (const [label, value] of view.details) {
      dl.append(el('dt', 'bandeau-routing-label', label), el('dd', 'bandeau-routing-value', value));
    }
    output.append(dl);
  }
  if (view.orders.length > 0) {
    output.append(el('strong', 'bandeau-routing-orders-title', texts.openOrders ?? 'Open orders'));
    const list = el('ul', 'bandeau-routing-orders');
    for (const line of view.orders) list.append(el('li', 'bandeau-routing-order', line));
    output.append(list);
  }
}

/** "FR" as "France" in the admin's language (the page's lang), the code itself where Intl cannot. */
function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export default function routingTest(config: RoutingTestConfig, element: HTMLElement): void {
  const input = element.querySelector<HTMLInputElement>('[data-role="bandeau-routing-phone"]');
  const button = element.querySelector<HTMLButtonElement>('[data-role="bandeau-routing-run"]');
  const output = element.querySelector<HTMLElement>('[data-role="bandeau-routing-result"]');
  if (!input || !button || !output) return;
  const texts = config.texts ?? {};
  const names = { groups: config.groups ?? {}, stores: config.stores ?? {} };
  let latest = 0;
  const run = async (): Promise<void> => {
    const phone = input.value.trim();
    if (phone === '') {
      renderView(output, { state: 'error', headline: texts.enterNumber ?? '', warning: null, note: null, why: [], details: [], orders: [] }, texts);
      input.focus();
      return;
    }
    const request = ++latest;
    button.disabled = true;
    output.replaceChildren(document.createTextNode(texts.testing ?? ''));
    output.setAttribute('data-state', 'loading');
    const body = new URLSearchParams({ form_key: config.formKey, phone });
    const reply = await adminJson(config.testUrl, body);
    if (request !== latest) return; // a newer test is on its way
    button.disabled = false;
    if (reply.kind === 'expired') {
      window.location.assign(reply.redirect);
      return;
    }
    renderView(output, describe(reply, texts, names, countryName), texts);
  };
  button.addEventListener('click', () => void run());
  // Enter in the box tests the number; it must not submit the configuration form around it.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void run();
    }
  });
}
