import { Counter, Gauge, type Registry } from 'prom-client';
import type { OutboxStore, OutboxStatus } from './store';

export interface OutboxMetrics {
  enqueued: Counter;
  delivered: Counter;
  failed: Counter;
  attempts: Counter<'outcome'>;
  retention: Counter<'state'>;
}

/**
 * bandeau_outbox_* on the bridge's registry. The state gauges are read from the outbox file at
 * scrape time, so they also count what the `outbox` CLI changed.
 */
export function registerOutboxMetrics(registry: Registry, store: OutboxStore, now: () => number = Date.now): OutboxMetrics {
  const state = (status: OutboxStatus, help: string) =>
    new Gauge({
      name: `bandeau_outbox_${status}`,
      help,
      registers: [registry],
      collect() {
        if (store.db.open) this.set(store.counts()[status]);
      },
    });
  state('pending', 'Call records waiting in the outbox for delivery to Magento');
  state('delivered', 'Delivered call records still kept in the outbox');
  state('failed', 'Call records set aside as failed (see `bandeau-bridge outbox list --status failed`)');
  new Gauge({
    name: 'bandeau_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest pending call record (0 when none)',
    registers: [registry],
    collect() {
      const t = store.db.open ? store.oldestPendingAt() : null;
      this.set(t === null ? 0 : Math.max(0, (now() - t) / 1000));
    },
  });
  return {
    enqueued: new Counter({ name: 'bandeau_outbox_enqueued_total', help: 'Call records written to the outbox (new or changed)', registers: [registry] }),
    delivered: new Counter({ name: 'bandeau_outbox_delivered_total', help: 'Call records delivered since start', registers: [registry] }),
    failed: new Counter({ name: 'bandeau_outbox_failed_total', help: 'Call records set aside as failed since start', registers: [registry] }),
    attempts: new Counter({
      name: 'bandeau_outbox_attempts_total',
      help: 'Delivery attempts by outcome (ok, transient, permanent)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    retention: new Counter({
      name: 'bandeau_outbox_retention_total',
      help: 'Call records reaching the end of their retention, by state: delivered and failed ones are deleted, pending ones set aside as failed',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
  };
}
