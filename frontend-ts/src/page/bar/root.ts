/**
 * The bar lives in an open shadow root on the Magento-rendered `#bandeau-cti-root`.
 *
 * Why a shadow root: Magento's `Magento_Ui/js/lib/knockout/bootstrap` calls `ko.applyBindings()`
 * over the whole `<body>` with the same knockout the bar uses; knockout walks `childNodes` and
 * never enters a shadow root, so Magento cannot reach the bar's bound nodes ("You cannot apply
 * bindings multiple times") whichever of the two binds first. A binding with
 * `controlsDescendantBindings` would have to be registered before Magento's bootstrap runs,
 * which the bundle cannot guarantee; binding after that bootstrap would tie the bar to one
 * Magento module's id and timing. The shadow root also keeps the admin's global form styles
 * (`select { color: inherit }`…) off the bar, and the bar's styles off the admin.
 */
export function openBarRoot(host: HTMLElement): ShadowRoot {
  return host.shadowRoot ?? host.attachShadow({ mode: 'open' });
}

/** Adds CSS where `node` lives: its shadow root, or the document's head. */
export function addStyle(node: Node, css: string): void {
  const style = document.createElement('style');
  style.textContent = css;
  const root = node.getRootNode();
  if (root instanceof ShadowRoot) root.appendChild(style);
  else document.head.appendChild(style);
}
