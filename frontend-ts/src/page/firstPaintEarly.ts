import { checkScope, showPicture } from './picture';
import { restoreDisabled, storageScope } from './storageScope';

/**
 * The early script of the first-paint restore (bandeau-first-paint.js), loaded without defer in
 * the admin page's head, so it runs before the page is first painted: it shows the tab's last
 * picture of the bar at once, before the body is parsed (a long admin page may paint its top
 * before the parser reaches the bar's root element at the end of the body). When the parser has
 * inserted that element (a MutationObserver callback runs before the next frame is rendered), the
 * picture is kept only if it belongs to this admin session; a page without the bar (the login
 * page) drops it. The page bundle, deferred, takes it from there (firstPaint.ts).
 */
function scopeOf(host: HTMLElement): string | null {
  try {
    const config = JSON.parse(host.getAttribute('data-bandeau-config') ?? '') as { formKey?: unknown };
    return storageScope(typeof config.formKey === 'string' ? config.formKey : undefined);
  } catch {
    return null; // The page bundle reports the broken config.
  }
}

function start(): void {
  if (restoreDisabled()) return;
  showPicture();
  const found = (): boolean => {
    const host = document.getElementById('bandeau-cti-root');
    if (host) checkScope(scopeOf(host));
    return host !== null;
  };
  if (found()) return;
  const observer = new MutationObserver(() => {
    if (found()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      observer.disconnect();
      if (!found()) checkScope(null);
    },
    { once: true },
  );
}

try {
  start();
} catch {
  // Never in the way of the page: without a picture the bar simply paints later.
}
