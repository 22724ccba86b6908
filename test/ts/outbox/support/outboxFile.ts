/** What the outbox tests share about an outbox and its file. */
import { OutboxStore, toContractCall, type Outbox, type Transport } from '../../../../bridge/src/outbox';
import type { PutResult } from '../../../../bridge/src/outbox/store';
import { burstRecord } from './records';

/** Delivers nothing: the records stay pending, so the file shows exactly what was written. */
export const nowhere: Transport = {
  name: 'rest',
  deliver: async () => ({ ok: false, permanent: false, link: true, reason: 'ECONNREFUSED' }),
  close: async () => undefined,
};

/** Call ids in the file as another process sees them (the committed state, not this connection's). */
export function committedIds(file: string): string[] {
  const reader = new OutboxStore(file, { readonly: true });
  try {
    return reader.list().map((e) => e.callId);
  } finally {
    reader.close();
  }
}

/** Records 0 … n-1 of a burst enqueued at once (calls ending together); resolves once each is acknowledged. */
export function enqueueBurst(outbox: Outbox, prefix: string, n: number): Promise<PutResult[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => outbox.enqueue(toContractCall(burstRecord(prefix, i)))));
}
