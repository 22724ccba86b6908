#!/usr/bin/env node
'use strict';
// Thin launcher: the bridge is written in TypeScript and compiled by `npm run build:bridge`.
try {
  require('../dist/cli.js').main(process.argv);
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    console.error('bandeau-bridge: the bridge is not built yet. Run `npm run build` first.');
    process.exit(1);
  }
  throw err;
}
