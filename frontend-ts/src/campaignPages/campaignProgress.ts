/**
 * RequireJS module `Bandeau_Cti/js/campaign-progress` (templates/campaign/view.phtml, through
 * x-magento-init): polls the Progress controller while the campaign's contact list is being built
 * and moves the progress bar; once the build ends the page reloads to show the results.
 */
import { adminJson } from './adminJson';
import { nextDelay, progressView, type ProgressTexts } from './buildProgress';

export interface CampaignProgressConfig {
  progressUrl: string;
  /** The build had already ended when the page was rendered: nothing to poll. */
  done: boolean;
  texts: ProgressTexts;
  /** First delay between polls (ms); it grows while nothing changes. */
  intervalMs?: number;
}

export default function campaignProgress(config: CampaignProgressConfig, element: HTMLElement): void {
  if (config.done) return;
  const bar = element.querySelector<HTMLProgressElement>('[data-role="bandeau-build-bar"]');
  const text = element.querySelector<HTMLElement>('[data-role="bandeau-build-text"]');
  const first = Math.max(200, config.intervalMs ?? 1500);
  let delay = first;
  let lastKey = '';
  const poll = async (): Promise<void> => {
    const reply = await adminJson(config.progressUrl);
    if (reply.kind === 'expired') {
      window.location.assign(reply.redirect);
      return;
    }
    const view = progressView(reply, config.texts);
    if (view?.gone) return;
    if (view) {
      if (bar) {
        bar.value = view.percent;
        bar.textContent = `${view.percent}%`;
      }
      if (text) text.textContent = view.text;
      if (view.finished) {
        // The results, the campaign's status and any build error are rendered by the server.
        window.location.reload();
        return;
      }
    }
    const changed = view !== null && view.key !== lastKey;
    if (view) lastKey = view.key;
    delay = nextDelay(delay, first, changed);
    window.setTimeout(poll, delay);
  };
  window.setTimeout(poll, first);
}
