/**
 * Where the page bundle's lazy chunks are (webpack.config.js): next to the bundle itself, whose
 * URL Magento builds (area, theme, locale, the deployed version, a CDN), so it is read at run time
 * from this script's own URL. With Magento's JS minification the bundle is `bandeau-page.min.js`
 * and so is every chunk (`bandeau-page-campaign.min.js`). The bundle is a plain deferred <script>
 * (templates/phone-bar.phtml): document.currentScript is set while it first runs. Imported first
 * by index.ts, before anything can load a chunk.
 */
declare let __webpack_public_path__: string;
declare let __webpack_get_script_filename__: (chunkId: string | number) => string;

/** The folder, the `.min` suffix and the query of the page bundle's URL; null if it is not one. */
export function chunkBase(src: string): { folder: string; min: string; query: string } | null {
  const m = /^(.*\/)bandeau-page(\.min)?\.js(\?[^#]*)?(#.*)?$/.exec(src);
  return m ? { folder: m[1]!, min: m[2] ?? '', query: m[3] ?? '' } : null;
}

// (Written without DOM types: the unit tests compile this file for Node.)
const own = chunkBase((globalThis as { document?: { currentScript?: { src?: string } | null } }).document?.currentScript?.src ?? '');
if (own) {
  __webpack_public_path__ = own.folder;
  const fileOf = __webpack_get_script_filename__;
  __webpack_get_script_filename__ = (chunkId) => fileOf(chunkId).replace(/\.js$/, `${own.min}.js`) + own.query;
}

/**
 * URL of the worker bundle (sip.js for the pop-out, the in-page session), beside the page bundle.
 * From the URL read above, never from document.currentScript at call time: code that runs in
 * the microtasks of a lazy chunk's script sees that chunk as the current script (Chromium), and
 * would load the chunk again instead of the worker bundle.
 */
export function workerBundleUrl(): string {
  if (!own) throw new Error('the page bundle was not loaded as bandeau-page.js: the worker bundle cannot be located');
  return `${own.folder}bandeau-worker${own.min}.js${own.query}`;
}
