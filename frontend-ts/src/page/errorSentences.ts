import type { ErrorCode } from '../../../bridge/src/protocol/errorCodes';
import type { StringKey, Translate } from './strings';
import { refusalSentence, REFUSAL } from './bar/dialRules';

/**
 * What the agent reads for each code the bridge or the worker can send: a sentence of the bar's
 * strings, in the agent's language. Never the code itself (a test checks every code has one).
 */
export const ERROR_SENTENCES: Record<ErrorCode, StringKey> = {
  token_missing: 'The phone bridge received no agent token. Getting one from Magento…',
  token_invalid: 'The phone bridge refused the agent token. Getting a new one from Magento…',
  token_claims: 'The phone bridge refused the agent token. Getting a new one from Magento…',
  token_expired: 'Your agent token expired. Getting a new one from Magento…',
  token_forged: 'The phone bridge does not trust the agent tokens of this Magento: their shared secret differs. Ask an administrator.',
  token_other_user: 'This agent token belongs to another user: reload the page.',
  token_revoked: 'Your Magento session was closed (signed out, or your account changed). Getting a new agent token…',
  token_stale: 'The phone bridge refused the agent token. Getting a new one from Magento…',
  token_in_use: 'The phone bridge refused the agent token. Getting a new one from Magento…',
  bridge_stopping: 'The phone bridge is restarting. The bar reconnects by itself.',
  invalid_message: 'The bridge did not understand the phone bar. Reload the page if this happens again.',
  rate_limited: 'Too many actions in a short time: wait a moment and try again.',
  too_many_invalid: 'The phone bridge closed the connection: the phone bar sent too many messages it did not understand. Reload the page.',
  invalid_command: 'The bridge did not understand the phone bar. Reload the page if this happens again.',
  invalid_agent: 'Your account has no valid phone extension: ask an administrator.',
  forbidden: 'You are not allowed to place calls.',
  not_found: 'This call is over.',
  not_party: 'You can only control your own calls.',
  not_connected: 'Your phone is not connected to this call right now.',
  not_consulting: 'No transfer is being prepared on this call.',
  not_held_here: 'This call was put on hold from the phone: take it back from the phone.',
  invalid_number: 'This number cannot be dialled.',
  invalid_target: 'The call cannot be transferred there.',
  invalid_digits: 'Only digits, * and # can be sent.',
  unsupported: 'The phone system cannot do this from the bar: use your phone.',
  pbx_unavailable: 'The phone system is not reachable right now. Try again in a moment.',
  pbx_timeout: 'The phone system did not answer in time. Try again.',
  pbx_refused: 'The phone system refused this action.',
  command_failed: 'The action failed. Try again.',
  dial_denied: 'Your company does not allow calls to this number (dialling policy).',
  presence_pbx_failed: 'Your status changed, but the phone system could not pause or resume your queue calls. Choose it again to retry.',
  offline: 'The phone bar is offline: wait until it reconnects.',
  timeout: 'The phone bridge did not answer in time. Try again.',
  build_mismatch: 'The phone bar was updated: reload the page.',
  open_failed: "Your desk phone asked to open a customer page, but it could not be opened.",
};

/** The sentence for a code; an unknown one (a newer bridge) still gets a sentence, never the code. */
export function errorKey(code: string | undefined): StringKey {
  return code !== undefined && Object.hasOwn(ERROR_SENTENCES, code) ? ERROR_SENTENCES[code as ErrorCode] : 'The action failed. Try again.';
}

/**
 * An error from the bridge or the worker, as the agent reads it: a refused number's own reason
 * where the dial box knows it (bar/dialRules.ts), else the code's sentence.
 */
export function errorSentence(err: { code?: string; reason?: string }, t: Translate): string {
  if (err.reason && Object.hasOwn(REFUSAL, err.reason)) return refusalSentence(err, t);
  return t(errorKey(err.code));
}
