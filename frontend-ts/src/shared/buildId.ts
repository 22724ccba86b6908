declare const __webpack_hash__: string;

/**
 * The id of this build of the browser bundles: webpack's compilation hash, the same in the page
 * and the worker bundle (one compilation builds both) and different after any change. The page
 * names its SharedWorker after it, so a page never talks to a worker of another build: the page
 * trusts its worker's messages without a schema (page/workerMessages.ts). 'dev' outside webpack.
 */
export const BUILD_ID: string = typeof __webpack_hash__ === 'string' ? __webpack_hash__ : 'dev';

/** The SharedWorker's name for a configured base name: `bandeau-cti@<build>`. */
export function workerNameFor(base: string): string {
  return `${base}@${BUILD_ID}`;
}

/** Whether a SharedWorker's name says it was started by a page of this build. */
export function startedByThisBuild(name: string): boolean {
  return name.endsWith(`@${BUILD_ID}`);
}
