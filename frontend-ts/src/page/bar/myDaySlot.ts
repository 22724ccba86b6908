import type { ViewState } from '../../../../bridge/src/protocol/messages';
import type { Ko } from '../knockout';
import { log } from '../../shared/log';
import type { MyDayOptions, MyDayPanel } from './myDayPanel';

/**
 * "My day" is a lazy chunk (webpack.config.js, chunkUrls.ts): every admin page carries only this
 * closed section, which looks like the panel's own (myDayPanel.ts); its first opening loads the
 * panel, which then asks Magento. A section left open is loaded at once (the first paint waits).
 */
export function lazyMyDay(container: HTMLElement, ko: Ko, options: MyDayOptions, waitFor: (part: Promise<unknown>) => void): MyDayPanel {
  const slot = document.createElement('div');
  container.appendChild(slot);
  let panel: MyDayPanel | null = null;
  let last: ViewState | null = null;
  let loading: Promise<void> | null = null;
  const load = (): Promise<void> =>
    (loading ??= import(/* webpackChunkName: "bandeau-page-myday" */ './myDayPanel').then(
      ({ mountMyDay }) => {
        // Opened from the keyboard: the focus moves from the stand-in's summary to the panel's.
        const root = slot.getRootNode() as Document | ShadowRoot;
        const focused = root.activeElement !== null && slot.contains(root.activeElement);
        slot.textContent = '';
        panel = mountMyDay(slot, ko, options);
        if (focused) slot.querySelector<HTMLElement>('summary')?.focus();
        if (last) panel.render(last);
      },
      (err: unknown) => {
        loading = null;
        log.error('"My day" could not be loaded:', err);
      },
    ));
  const details = document.createElement('details');
  details.className = 'bandeau-myday';
  details.style.marginTop = '8px';
  const summary = document.createElement('summary');
  summary.textContent = options.t('My day');
  details.appendChild(summary);
  details.addEventListener('toggle', () => {
    if (!details.open) return;
    options.ui.setOpen('myDay', true);
    void load();
  });
  if (options.ui.isOpen('myDay')) waitFor(load());
  else slot.appendChild(details);
  return {
    render(state) {
      last = state;
      panel?.render(state);
    },
  };
}
