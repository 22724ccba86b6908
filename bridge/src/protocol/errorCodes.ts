/**
 * Every `code` an agent's browser can be told: by the bridge (`error` messages, connection
 * refusals) and by the worker (`notice` messages, problems). Codes are for programs and logs; the
 * page shows each as a sentence in the agent's language (frontend-ts/src/page/errorSentences.ts,
 * which must name every one: a test checks it, and that the bridge sends no other).
 */
export const ERROR_CODES = [
  // connection and token (bridge handshake, auth.refresh)
  'token_missing',
  'token_invalid',
  'token_expired',
  'token_forged',
  'token_claims',
  'token_other_user',
  // a token Magento revoked (logout, account change), older than one already used, or held by another socket (auth/revocation.ts)
  'token_revoked',
  'token_stale',
  'token_in_use',
  'bridge_stopping',
  'invalid_message',
  // abuse limits (bridge/src/limits/agentLimits.ts)
  'rate_limited',
  'too_many_invalid',
  // call commands (bridge/src/calls/callControl.ts CommandErrorCode)
  'invalid_command',
  'invalid_agent',
  'forbidden',
  'not_found',
  'not_party',
  'not_connected',
  'not_consulting',
  'not_held_here',
  'invalid_number',
  'invalid_target',
  'invalid_digits',
  'unsupported',
  'pbx_unavailable',
  'pbx_timeout',
  'pbx_refused',
  'command_failed',
  // the bridge's dial policy refuses this outside number (phone/dialPolicy.ts)
  'dial_denied',
  // presence (bridge/src/agents/presence.ts)
  'presence_pbx_failed',
  // said by the worker or the page link
  'offline',
  'timeout',
  // a page and a worker of different builds (a deploy in between): frontend-ts/src/shared/buildId.ts
  'build_mismatch',
  // a desk phone's "Open" that found no customer URL or a URL the page will not go to (session/sessionHub.ts, page/sessionLink.ts)
  'open_failed',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
