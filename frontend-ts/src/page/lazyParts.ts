import type { ViewState } from '../../../bridge/src/protocol/messages';
import type { CampaignPanel, CampaignPanelOptions } from './campaignPanel';
import type { PageSoftphone } from './media/pageSoftphone';
import type { UiState } from './bar/uiState';
import type { Ko } from './knockout';
import { log } from '../shared/log';

/**
 * The parts of the bar few pages need, as lazy chunks beside the page bundle (webpack.config.js,
 * chunkUrls.ts): what every admin page loads stays small (≤ 30 kB gzip, test/ts/frontend/pageBundleSize.test.ts).
 * - the campaign panel: loaded when the agent works a campaign or opens its section; until then a
 *   closed section that looks the same stands in for it;
 * - the softphone (media host, ringer, softphone strip): loaded in softphone mode only.
 * Each part the tab's first-paint picture shows is waited for before the real bar replaces it.
 */

/** The softphone's chunk, started as early as possible in softphone mode (index.ts awaits it before the session opens). */
export const loadSoftphone = () => import(/* webpackChunkName: "bandeau-page-softphone" */ './media/pageSoftphone');

export type { PageSoftphone };

/**
 * The campaign panel in `container`: mounted at once (and waited for by the first paint) while the
 * agent works a campaign or left its section open, else on the first opening of its section.
 */
export function lazyCampaignPanel(container: HTMLElement, ko: Ko, options: CampaignPanelOptions & { ui: UiState }, waitFor: (part: Promise<unknown>) => void): CampaignPanel {
  const { ui } = options;
  const slot = document.createElement('div');
  container.appendChild(slot);
  let panel: CampaignPanel | null = null;
  let last: ViewState | null = null;
  let loading: Promise<void> | null = null;
  const load = (): Promise<void> =>
    (loading ??= import(/* webpackChunkName: "bandeau-page-campaign" */ './campaignPanel').then(
      ({ mountCampaignPanel }) => {
        slot.textContent = '';
        panel = mountCampaignPanel(slot, ko, options);
        if (last) panel.render(last);
      },
      (err: unknown) => {
        loading = null;
        log.error('the campaign panel could not be loaded:', err);
        if (!slot.firstChild) slot.appendChild(stub());
      },
    ));
  function stub(): HTMLElement {
    // The panel's closed section as its template draws it (campaignPanel.ts, campaignStyle.ts).
    const details = document.createElement('details');
    details.className = 'bandeau-campaign';
    details.style.marginTop = '8px';
    const summary = document.createElement('summary');
    const label = document.createElement('span');
    label.textContent = options.t('Campaign');
    summary.appendChild(label);
    details.appendChild(summary);
    details.addEventListener('toggle', () => {
      if (!details.open) return;
      ui.setOpen('campaign', true);
      void load();
    });
    return details;
  }
  if (ui.get('campaignActive') || ui.isOpen('campaign')) waitFor(load());
  else slot.appendChild(stub());
  return {
    render(state) {
      last = state;
      panel?.render(state);
    },
  };
}
