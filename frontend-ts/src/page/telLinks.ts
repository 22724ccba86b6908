import { telNumber } from './telUri';

/**
 * One document-level handler catches every tel: link, including grids and modals rendered
 * later. Returns the number to dial, or null to let the click through.
 */
export function installTelLinks(dial: (number: string) => void): void {
  document.addEventListener(
    'click',
    (ev) => {
      if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      const link = (ev.target as Element | null)?.closest?.('a[href^="tel:"]');
      if (!link) return;
      const number = telNumber(link.getAttribute('href') ?? '');
      if (!number) return;
      ev.preventDefault();
      dial(number);
    },
    true,
  );
}
