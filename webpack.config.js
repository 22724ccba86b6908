'use strict';
// The browser code of the Magento admin, built into the module's view/adminhtml/web/js:
// - the page client and the SharedWorker (small page bundle, no sip.js / socket.io in it): plain
//   IIFE scripts, added with a <script> tag on every admin page; RequireJS is already on those
//   pages and an anonymous AMD define() in a <script> tag would break it;
// - the first-paint script: a tiny IIFE loaded without defer in the page's head, so it runs before
//   the first paint (frontend-ts/src/page/firstPaintEarly.ts);
// - the campaign pages' modules (Bandeau_Cti/js/campaign-form, campaign-progress): AMD modules
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
      output: { path: OUT, filename: '[name].js', iife: true, clean: false },
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
      },
      output: { path: OUT, filename: '[name].js', library: { type: 'amd', export: 'default' }, clean: false },
    },
  ];
};
