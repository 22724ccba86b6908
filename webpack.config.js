'use strict';
// The browser code of the Magento admin, built into the module's view/adminhtml/web/js:
// - the page client and the SharedWorker (small page bundle, no sip.js / socket.io in it): plain
//   IIFE scripts, added with a <script> tag on every admin page; RequireJS is already on those
//   pages and an anonymous AMD define() in a <script> tag would break it;
// - the page client's lazy chunks, beside it (bandeau-page-*.js, stable names: Magento versions
//   its static files itself): parts few pages need (campaign panel, softphone) and the protocol's
//   schemas with zod, for checking Magento's answers. They load as plain scripts too (webpack's
//   JSONP loader under its own global, no define()), from the folder of the page bundle's own URL
//   (frontend-ts/src/page/chunkUrls.ts). What every admin page loads stays ≤ 30 kB gzip
//   (test/ts/frontend/pageBundleSize.test.ts);
// - the first-paint script: a tiny IIFE loaded without defer in the page's head, so it runs before
//   the first paint (frontend-ts/src/page/firstPaintEarly.ts);
// - the campaign pages' modules (Bandeau_Cti/js/campaign-form, campaign-progress) and the call
//   routing section's test box (Bandeau_Cti/js/routing-test): AMD modules
//   that RequireJS loads when Magento runs a template's x-magento-init, whose default export is
//   the function Magento calls with (config, element).
const path = require('path');

const OUT = path.resolve(__dirname, 'app/code/Bandeau/Cti/view/adminhtml/web/js');

module.exports = (env, argv) => {
  const mode = argv.mode || 'production';
  const common = {
    mode,
    target: 'web',
    devtool: 'source-map',
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          options: { configFile: path.resolve(__dirname, 'frontend-ts/tsconfig.json'), onlyCompileBundledFiles: true },
        },
      ],
    },
    performance: { hints: false },
    optimization: { minimize: mode === 'production' },
  };
  return [
    {
      ...common,
      name: 'page-and-worker',
      entry: {
        'bandeau-page': './frontend-ts/src/page/index.ts',
        'bandeau-worker': './frontend-ts/src/worker/index.ts',
        'bandeau-first-paint': './frontend-ts/src/page/firstPaintEarly.ts',
      },
      output: {
        path: OUT,
        filename: '[name].js',
        // Named by webpackChunkName comments (bandeau-page-campaign, ...): stable file names.
        chunkFilename: '[name].js',
        chunkLoadingGlobal: 'bandeauPageChunks',
        publicPath: 'auto',
        iife: true,
        clean: false,
      },
      optimization: {
        ...common.optimization,
        splitChunks: {
          chunks: 'async',
          cacheGroups: {
            default: false,
            defaultVendors: false,
            // The schemas and zod go in one chunk of their own, whichever lazy part needs them first.
            protocol: {
              test: (m) => /[\\/](node_modules[\\/]zod|bridge[\\/]src[\\/]protocol[\\/]messages\.ts)/.test(m.resource || ''),
              name: 'bandeau-page-protocol',
              chunks: 'async',
              enforce: true,
            },
          },
        },
      },
      externals: {
        // Magento ships knockout through RequireJS; the page client asks RequireJS for it at run time.
      },
    },
    {
      ...common,
      name: 'campaign-pages',
      entry: {
        'campaign-form': './frontend-ts/src/campaignPages/campaignForm.ts',
        'campaign-progress': './frontend-ts/src/campaignPages/campaignProgress.ts',
        // Stores > Configuration > Bandeau > Call routing: the "Test a number" box.
        'routing-test': './frontend-ts/src/routingTest/routingTest.ts',
        // The same section's rules editor.
        'routing-rules': './frontend-ts/src/routingRules/rulesEditor.ts',
      },
      output: { path: OUT, filename: '[name].js', library: { type: 'amd', export: 'default' }, clean: false },
    },
  ];
};
