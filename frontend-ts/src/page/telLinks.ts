import { telTarget, type TelTarget } from './telUri';

/**
 * One document-level handler catches every tel: link, including grids and modals rendered
 * later, and hands `dial` the number and extension; a link without a usable number is let through.
 */
export function installTelLinks(dial: (target: TelTarget) => void): void {
  document.addEventListener(
    'click',
    (ev) => {
      if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      const link = (ev.target as Element | null)?.closest?.('a[href^="tel:"]');
      if (!link) return;
      const target = telTarget(link.getAttribute('href') ?? '');
      if (!target) return;
      ev.preventDefault();
      dial(target);
    },
    true,
  );
}
