/**
 * What every admin page loads stays small (issue 13, point 8): the page bundle and any chunk an
 * admin page loads eagerly, ≤ 30 kB with gzip -9, built from the current sources (helpers/pageBundle.ts).
 * The parts few pages need are lazy chunks beside it, loaded as plain scripts (no RequireJS
 * define()), under stable names, and from the page bundle's own folder (chunkUrls.ts).
 */
import { buildPageBundle, kB, PAGE_BUDGET_GZIP_BYTES, type PageBundle } from '../helpers/pageBundle';
import { chunkBase } from '../../../frontend-ts/src/page/chunkUrls';

let bundle: PageBundle;

beforeAll(async () => {
  bundle = await buildPageBundle();
}, 300_000);

describe('the page bundle every admin page loads', () => {
  it(`is at most ${PAGE_BUDGET_GZIP_BYTES / 1000} kB with gzip -9, lazy chunks apart`, () => {
    const lines = [
      ...bundle.eager.map((f) => `eager ${f.file}: ${kB(f.bytes)} kB, gzip ${kB(f.gzipBytes)} kB`),
      ...bundle.lazy.map((f) => `lazy  ${f.file}: ${kB(f.bytes)} kB, gzip ${kB(f.gzipBytes)} kB`),
      `head  ${bundle.firstPaint.file}: gzip ${kB(bundle.firstPaint.gzipBytes)} kB (counted apart)`,
    ];
    console.log(lines.join('\n'));
    expect(bundle.eager.map((f) => f.file)).toEqual(['bandeau-page.js']);
    expect(bundle.eagerGzipBytes).toBeLessThanOrEqual(PAGE_BUDGET_GZIP_BYTES);
    // The head script runs before the first paint, without defer: it must stay tiny.
    expect(bundle.firstPaint.gzipBytes).toBeLessThanOrEqual(3_000);
  });

  it('keeps zod and the protocol schemas out of it', () => {
    const page = bundle.eager[0]!.text;
    // zod's own error for a discriminated union, and a schema-only message of messages.ts.
    expect(page).not.toContain('No matching discriminator');
    expect(page).not.toContain('must be a locale like fr_FR');
    const protocol = bundle.lazy.find((f) => f.file === 'bandeau-page-protocol.js');
    expect(protocol?.text).toContain('must be a locale like fr_FR');
  });

  it('loads the campaign panel, the softphone and the wrap-up panel as lazy chunks with stable names', () => {
    expect(bundle.lazy.map((f) => f.file)).toEqual(expect.arrayContaining(['bandeau-page-campaign.js', 'bandeau-page-softphone.js', 'bandeau-page-wrapup.js', 'bandeau-page-protocol.js']));
    for (const f of bundle.lazy) {
      expect(f.file).toMatch(/^bandeau-page-[a-z]+\.js$/);
      // Plain scripts pushed to the bundle's own global: RequireJS on the page never sees a define().
      expect(f.text).toContain('bandeauPageChunks');
      expect(f.text).not.toMatch(/\bdefine\(/);
    }
  });

  it('has no markup Magento\'s coding standard refuses (self-closing non-void tags)', () => {
    for (const f of [...bundle.eager, ...bundle.lazy]) expect(f.text).not.toMatch(/<(?!(?:br|hr|img|input|meta|link|area|base|col|embed|source|track|wbr)\b)[a-z]+\b[^<>]*\/>/);
  });
});

describe('where the lazy chunks are loaded from', () => {
  it('is the folder of the page bundle, as Magento built its URL', () => {
    expect(chunkBase('https://shop.example/static/version1732987/adminhtml/Magento/backend/fr_FR/Bandeau_Cti/js/bandeau-page.js')).toEqual({
      folder: 'https://shop.example/static/version1732987/adminhtml/Magento/backend/fr_FR/Bandeau_Cti/js/',
      min: '',
      query: '',
    });
    // JS minification on: every chunk is .min.js too.
    expect(chunkBase('https://cdn.example/adminhtml/Magento/backend/en_US/Bandeau_Cti/js/bandeau-page.min.js')).toEqual({
      folder: 'https://cdn.example/adminhtml/Magento/backend/en_US/Bandeau_Cti/js/',
      min: '.min',
      query: '',
    });
    expect(chunkBase('/static/Bandeau_Cti/js/bandeau-page.js?v=3')).toEqual({ folder: '/static/Bandeau_Cti/js/', min: '', query: '?v=3' });
    expect(chunkBase('/static/Bandeau_Cti/js/other.js')).toBeNull();
  });
});
