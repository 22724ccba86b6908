/**
 * messages.ts with its schemas (and zod), loaded the first time the page checks one of Magento's
 * answers (directory search, wrap-up, campaign): a chunk of its own, out of the page bundle every
 * admin page loads (webpack.config.js). The worker's messages need no schema (workerMessages.ts).
 */
export const protocolChecks = () => import('../../../bridge/src/protocol/messages');
