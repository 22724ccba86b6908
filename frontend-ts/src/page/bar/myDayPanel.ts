import type { Ko } from '../knockout';
import { addStyle } from './root';
import { createMyDay, type MyDayOptions, type MyDayPanel } from './myDay';

export type { MyDayOptions, MyDayPanel };

/** Markup of "My day"; values only through text/attr bindings. */
const TEMPLATE = `
<details class="bandeau-myday" data-bandeau-myday data-bind="attr: { open: open() ? 'open' : null }, event: { toggle: toggled }">
  <summary><span data-bind="text: t('My day')"></span> <span class="bandeau-bar__badge" data-bind="visible: toCallBack() > 0, text: toCallBack, attr: { title: view() ? view().callBackLabel : '' }"></span></summary>
  <p class="bandeau-myday__loading" data-bind="visible: loading() && !view(), text: t('Loading…')"></p>
  <p class="bandeau-myday__error" role="alert" data-bind="text: error"></p>
  <!-- ko with: view -->
  <ul class="bandeau-myday__figures" aria-live="polite">
    <li data-figure="calls" data-bind="text: calls"></li>
    <li data-figure="answered" data-bind="text: answered"></li>
    <li data-figure="missed" data-bind="text: missed"></li>
    <li data-figure="talk" data-bind="text: talk"></li>
  </ul>
  <h3 class="bandeau-myday__title" data-bind="text: $root.t('To call back')"></h3>
  <p class="bandeau-myday__none" data-bind="visible: callBack.length === 0, text: $root.t('No missed calls to call back')"></p>
  <ul class="bandeau-myday__callbacks" data-bind="foreach: callBack">
    <li class="bandeau-myday__callback" data-bind="attr: { 'data-call-id': callId }">
      <i class="bandeau-i" aria-hidden="true" data-i="missed"></i>
      <span class="bandeau-myday__who" data-bind="text: who, attr: { title: number }"></span>
      <span class="bandeau-myday__when"><span class="bandeau-myday__time" data-bind="text: time, attr: { title: date }"></span> · <span class="bandeau-myday__meta" data-bind="text: meta"></span></span>
      <button type="button" data-action="my-day-call-back" data-bind="click: function () { $root.callBack($data); }, text: $root.t('Call back'), attr: { 'aria-label': callLabel, title: number }"></button>
    </li>
  </ul>
  <!-- ko if: campaigns.length > 0 -->
  <h3 class="bandeau-myday__title" data-bind="text: $root.t('My campaigns')"></h3>
  <ul class="bandeau-myday__campaigns" data-bind="foreach: campaigns">
    <li class="bandeau-myday__campaign" data-bind="attr: { 'data-campaign-id': id }">
      <strong data-bind="text: name"></strong>
      <span class="bandeau-myday__campaign-figures"><span data-bind="text: today"></span><span data-bind="text: overall"></span><span data-bind="text: conversions"></span></span>
      <ul class="bandeau-myday__outcomes" data-bind="foreach: outcomes"><li data-bind="text: $data"></li></ul>
    </li>
  </ul>
  <!-- /ko -->
  <!-- /ko -->
  <div class="bandeau-myday__foot">
    <span data-bind="text: updated"></span>
    <button type="button" data-action="my-day-refresh" data-bind="click: refresh, text: t('Refresh'), enable: !loading()"></button>
  </div>
</details>`;

/** Magento admin look, as the rest of the bar (style.ts): grey blocks, #514943 heads, red for missed. */
const STYLE = `
.bandeau-myday{margin-top:8px}
.bandeau-myday__figures{display:grid;grid-template-columns:1fr 1fr;gap:2px 10px;margin:2px 0 4px;padding:4px 8px;background:#f8f8f8;border-left:3px solid #514943;font-size:12px}
.bandeau-myday__figures [data-figure=missed]{color:#e22626}
.bandeau-myday__title{margin:6px 0 2px;font-size:12px;font-weight:600;color:#514943}
.bandeau-myday__none,.bandeau-myday__loading{font-size:12px;color:#6b6b6b}
.bandeau-myday__error:not(:empty){margin:4px 0;padding:4px 8px;border-left:3px solid #e22626;background:#fae5e5;font-size:12px}
.bandeau-myday__error:empty{display:none}
.bandeau-myday__callback{display:grid;grid-template-columns:auto minmax(0,1fr) auto;align-items:center;column-gap:6px;padding:3px 0;border-bottom:1px solid #f0f0f0;font-size:12px}
.bandeau-myday__callback .bandeau-i{grid-row:1/span 2;color:#e22626}
.bandeau-myday__who{grid-column:2;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-weight:600}
.bandeau-myday__when{grid-column:2;color:#6b6b6b;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bandeau-myday__callback button{grid-column:3;grid-row:1/span 2;padding:2px 8px}
.bandeau-myday__campaign{display:flex;flex-direction:column;padding:3px 0;border-bottom:1px solid #f0f0f0;font-size:12px}
.bandeau-myday__campaign-figures{display:flex;flex-wrap:wrap;gap:0 10px}
.bandeau-myday__outcomes{display:flex;flex-wrap:wrap;gap:0 10px;color:#514943}
.bandeau-myday__foot{display:flex;align-items:center;justify-content:space-between;gap:6px;margin-top:4px;font-size:12px;color:#6b6b6b}
`;

/**
 * "My day" in the bar: today's calls, the missed calls nobody called back yet (each with a call-back
 * button that dials like the recent calls' one), and the agent's own campaign results. Asked from
 * Magento when opened, on "Refresh", and a few seconds after each call of the bar ends.
 */
export function mountMyDay(container: HTMLElement, ko: Ko, o: MyDayOptions): MyDayPanel {
  const el = document.createElement('div');
  container.appendChild(el);
  addStyle(el, STYLE);
  const { vm, panel } = createMyDay(ko, o);
  el.innerHTML = TEMPLATE;
  ko.applyBindings(vm, el);
  if (vm.open()) void vm.refresh();
  return panel;
}
