/**
 * Where the page finds the worker bundle (sip.js for the pop-out phone window, the in-page
 * session): beside the page bundle, from the page bundle's own URL as read when it first ran
 * (chunkUrls.ts). In Chromium a lazy chunk's script is document.currentScript for the
 * microtasks it resolves, so the pop-out, installing its softphone right after its chunk,
 * once loaded that chunk a second time instead of the worker bundle and never registered.
 */
const STATIC = 'https://shop.example/static/version1732987/adminhtml/Magento/backend/en_US/Bandeau_Cti/js/';

type ChunkUrls = typeof import('../../../frontend-ts/src/page/chunkUrls');

/** chunkUrls.ts as the page bundle runs it (fresh module state), then with `laterScript` current. */
function loadAs(bundleSrc: string, laterScript: string | null): ChunkUrls {
  const g = globalThis as Record<string, unknown>;
  let current: { src: string } | null = { src: bundleSrc };
  g.document = {
    get currentScript() {
      return current;
    },
  };
  g.__webpack_public_path__ = '';
  g.__webpack_get_script_filename__ = (id: string | number) => `${id}.js`;
  let mod: ChunkUrls | undefined;
  jest.isolateModules(() => {
    mod = jest.requireActual<ChunkUrls>('../../../frontend-ts/src/page/chunkUrls');
  });
  current = laterScript === null ? null : { src: laterScript };
  return mod!;
}

afterEach(() => {
  const g = globalThis as Record<string, unknown>;
  delete g.document;
  delete g.__webpack_public_path__;
  delete g.__webpack_get_script_filename__;
});

describe('the worker bundle URL', () => {
  it('is the page bundle\'s sibling even while a lazy chunk is the current script', () => {
    const urls = loadAs(`${STATIC}bandeau-page.js`, `${STATIC}bandeau-page-softphone.js`);
    expect(urls.workerBundleUrl()).toBe(`${STATIC}bandeau-worker.js`);
  });

  it('is the same with no current script (a timer or an event)', () => {
    expect(loadAs(`${STATIC}bandeau-page.js`, null).workerBundleUrl()).toBe(`${STATIC}bandeau-worker.js`);
  });

  it('keeps Magento\'s minified name and the query', () => {
    const urls = loadAs('/static/Bandeau_Cti/js/bandeau-page.min.js?v=3', '/static/Bandeau_Cti/js/bandeau-page-protocol.min.js?v=3');
    expect(urls.workerBundleUrl()).toBe('/static/Bandeau_Cti/js/bandeau-worker.min.js?v=3');
  });

  it('is refused with a reason when the page bundle was not loaded under its own name', () => {
    expect(() => loadAs('/static/merged-all.js', null).workerBundleUrl()).toThrow(/cannot be located/);
  });
});
