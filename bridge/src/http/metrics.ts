import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** The bridge's Prometheus metrics, on a registry of its own (one per bridge instance). */
export class BridgeMetrics {
  readonly registry = new Registry();
  readonly connectionsTotal = new Counter({
    name: 'bandeau_bridge_connections_total',
    help: 'Socket.io connections accepted since start',
    registers: [this.registry],
  });
  readonly connectionsRefused = new Counter({
    name: 'bandeau_bridge_connections_refused_total',
    help: 'Socket.io connections refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly connectedAgents = new Gauge({
    name: 'bandeau_bridge_connected_agents',
    help: 'Agents with at least one live socket.io connection',
    registers: [this.registry],
  });
  readonly connectedSockets = new Gauge({
    name: 'bandeau_bridge_connected_sockets',
    help: 'Live socket.io connections',
    registers: [this.registry],
  });
  readonly olderBundleSockets = new Gauge({
    name: 'bandeau_bridge_older_bundle_sockets',
    help: 'Live socket.io connections from a worker bundle older than this bridge (it declared no colleagues.changed; it gets whole colleague lists): upgrade the Magento module',
    registers: [this.registry],
  });
  readonly invalidMessages = new Counter({
    name: 'bandeau_bridge_invalid_messages_total',
    help: 'Client messages rejected by validation',
    registers: [this.registry],
  });
  readonly limitHits = new Counter({
    name: 'bandeau_bridge_limit_hits_total',
    help: 'Abuse limits hit (limits.* in the config), by limit: commands, dials, invalid, unauthenticated_per_ip, auth_timeout',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });
  readonly requestsRefused = new Counter({
    name: 'bandeau_bridge_requests_refused_total',
    help: 'HTTP and socket.io requests refused by the Origin/Host policy, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly commands = new Counter({
    name: 'bandeau_bridge_commands_total',
    help: 'Agent commands handled, by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: 'bandeau_bridge_' });
  }
}
