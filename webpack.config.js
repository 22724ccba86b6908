'use strict';
// Two bundles for the Magento admin: the page client (small, no sip.js / socket.io) and the
// SharedWorker that holds the session. Both are plain IIFE scripts: RequireJS is already on
// admin pages and an anonymous AMD define() in a <script> tag would break it.
const path = require('path');

module.exports = (env, argv) => ({
  mode: argv.mode || 'production',
  target: 'web',
  entry: {
    'bandeau-page': './frontend-ts/src/page/index.ts',
    'bandeau-worker': './frontend-ts/src/worker/index.ts',
  },
  output: {
    path: path.resolve(__dirname, 'app/code/Bandeau/Cti/view/adminhtml/web/js'),
    filename: '[name].js',
    iife: true,
    clean: false,
  },
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
  externals: {
    // Magento ships knockout through RequireJS; the page client asks RequireJS for it at run time.
  },
  performance: { hints: false },
  optimization: { minimize: (argv.mode || 'production') === 'production' },
});
