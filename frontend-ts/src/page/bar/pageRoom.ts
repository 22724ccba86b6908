/**
 * Room under the admin page for the bar. The bar is fixed at the bottom of the window (right or
 * left), so without room the end of a long page (the last "Export CSV" link of Reports › Calls)
 * would stay under it whatever the scroll. The admin's page wrapper gets a bottom padding of its
 * own padding plus the bar's height, followed as the bar grows, collapses or expands (a
 * ResizeObserver); nothing else of Magento's layout moves. Printed, the bar is hidden: height 0,
 * the wrapper's own padding only.
 */
export function keepPageRoom(bar: HTMLElement, doc: Document = document): () => void {
  // Magento's admin wraps every page in .page-wrapper (header, content, footer).
  const wrapper = doc.querySelector<HTMLElement>('.page-wrapper');
  if (!wrapper || typeof ResizeObserver === 'undefined') return () => undefined;
  const inline = wrapper.style.paddingBottom;
  const own = parseFloat(getComputedStyle(wrapper).paddingBottom) || 0;
  let shown = -1;
  const update = () => {
    const height = Math.ceil(bar.getBoundingClientRect().height);
    if (height === shown) return;
    shown = height;
    if (height > 0) wrapper.style.paddingBottom = `${own + height}px`;
    else wrapper.style.paddingBottom = inline;
    wrapper.setAttribute('data-bandeau-room', String(height));
  };
  const observer = new ResizeObserver(update);
  observer.observe(bar);
  update();
  return () => {
    observer.disconnect();
    wrapper.style.paddingBottom = inline;
    wrapper.removeAttribute('data-bandeau-room');
  };
}
