import type { ContractCall } from './record';

/**
 * How one delivery attempt ended.
 *  - ok: Magento (or the broker) has the record.
 *  - permanent: sending it again cannot help (invalid record, refused token): kept as failed.
 *  - transient: try again later. `link: true` when the way to Magento itself is down (network,
 *    timeout, 502/503/504/429, broker unreachable): the outbox then pauses every delivery instead
 *    of backing off record by record.
 */
export type DeliveryOutcome =
  | { ok: true }
  | { ok: false; permanent: true; reason: string }
  | { ok: false; permanent: false; link: boolean; reason: string; retryAfterMs?: number };

export interface DeliveryMeta {
  /** Outbox row id and revision: a stable message id for this version of the record. */
  id: number;
  revision: number;
  /** The call as the outbox stored it (JSON.stringify of `call`): sent as is, not serialised again. */
  json?: string;
}

export interface Transport {
  readonly name: 'rest' | 'amqp';
  deliver(call: ContractCall, meta?: DeliveryMeta): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}

export const transient = (reason: string, link: boolean, retryAfterMs?: number): DeliveryOutcome =>
  retryAfterMs === undefined ? { ok: false, permanent: false, link, reason } : { ok: false, permanent: false, link, reason, retryAfterMs };

export const permanent = (reason: string): DeliveryOutcome => ({ ok: false, permanent: true, reason });

type ErrorLike = { message: string; code?: unknown; cause?: unknown };
const isErrorLike = (e: unknown): e is ErrorLike => typeof e === 'object' && e !== null && typeof (e as ErrorLike).message === 'string';

/** One line for an error, with the system code of its cause (fetch hides ECONNREFUSED there). */
export function errorText(err: unknown): string {
  if (!isErrorLike(err)) return String(err).slice(0, 500);
  const cause = isErrorLike(err.cause) ? err.cause : undefined;
  const code = err.code ?? cause?.code;
  const inner = cause && cause.message !== err.message ? `: ${cause.message}` : '';
  return `${typeof code === 'string' ? `${code} ` : ''}${err.message}${inner}`.slice(0, 500);
}
