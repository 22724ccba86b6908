import type { BridgeConfig } from './config';
import type { Logger } from './logger';
import { BridgeServer, type CallCommandHandler } from './server';
import type { AmiClient } from './ami';
import type { CallModel, CallRecord } from './calls';
import type { Call } from './protocol/messages';
import { CallCustomers, restCustomerLookup } from './lookup/customerLookup';
import { openCallLog } from './outbox';
import { adminListenerFor, adminPort as adminPortFor } from './http/adminListener';
import { AmiDriver, guardCommands, openPbx, type PbxDriver } from './pbx';
import { AgiServer } from './routing/agi';
import { routingFromMagento, routingMagento, type DecisionSink, type RoutingParts } from './routing';
import { RoutedCalls, routeRecordFields } from './routing/routedCalls';
import { connectRedis } from './cluster/redisLink';
import { phoneService, registerPhoneBookMetrics, type PhoneService } from './phones';

/** A running bridge: the socket.io/HTTP front plus whatever links the config turns on. */
export interface BridgeRuntime {
  server: BridgeServer;
  /** The AMI link when the PBX is an Asterisk (the AMI driver's client), else null. */
  ami: AmiClient | null;
  /** The PBX driver (pbx/driver.ts), or null when no PBX is configured. */
  pbx: PbxDriver | null;
  model: CallModel | null;
  port: number;
  /** The admin listener's port (health, metrics, revocations), or null when `admin.enabled` is false. */
  adminPort: number | null;
  /** The FastAGI routing server's port, or null when `routing` is not configured. */
  routingPort: number | null;
  /** Call routing's parts, or null when `routing` is not configured. */
  routing: RoutingRuntime | null;
  /** The desk-phone service (phone book, /phone/ routes), or null when `phones` is not configured. */
  phones: PhoneService | null;
  stop(): Promise<void>;
}

/** Call routing as it runs: the decision side, the FastAGI server, and who hears each decision. */
export interface RoutingRuntime {
  parts: RoutingParts;
  agi: AgiServer;
  /**
   * Called with every FastAGI request and the decision sent back (as the PBX got it, `timeout`
   * included). Listeners run synchronously after the answer; one that throws is logged and skipped.
   */
  onDecision: DecisionSink[];
}

/**
 * Assembles the bridge from its config: HTTP/socket.io front, the PBX link (AMI, call model,
 * call control) and the call-log outbox. Each part stops in reverse order.
 */
export interface RuntimeOptions {
  /** Demo only: /phone/ answers without device credentials (networks still apply). */
  openPhones?: boolean;
  /** Tests: how often cluster instances beat and read each other's presence (default 5 s). */
  clusterHeartbeatMs?: number;
}

export async function startRuntime(config: BridgeConfig, logger: Logger, options: RuntimeOptions = {}): Promise<BridgeRuntime> {
  const stops: Array<() => Promise<void> | void> = [];
  /** Finished calls go here: the call-log outbox when configured, otherwise only the log. */
  const endedSinks: Array<(record: CallRecord, call: Call) => void> = [];

  // ---- PBX side: the driver (pbx/) feeds the call model, which pushes to agents; the driver
  // carries out their commands, only those its capabilities declare.
  const pbx = openPbx(config, logger);
  const driver = pbx?.driver ?? null;
  const model = pbx?.model ?? null;
  const ami = driver instanceof AmiDriver ? driver.client : null;
  const callControl: CallCommandHandler | undefined = driver?.callControl ? guardCommands(driver.callControl, driver.capabilities) : undefined;
  const presence = driver?.capabilities.presence ? driver.presence : undefined;
  // ---- desk phones (issue 17): the route needs the server it is mounted on, bound once it exists.
  let serverRef: BridgeServer | null = null;
  const phonesConfig = config.phones;
  const phones = phonesConfig
    ? phoneService(
        { ...config, phones: phonesConfig },
        { logger, bridge: () => serverRef!, liveCalls: (ext) => model?.callsForExtension(ext) ?? [], ...(options.openPhones ? { open: true } : {}) },
      )
    : null;
  // ---- several bridges (issue 18): room broadcasts go through Redis to every instance; agent
  // sessions, token marks and presence are shared there (cluster/clusterSessions.ts).
  // Token marks are kept as long as a token they refuse may live.
  const tokenTtlMs = (config.token.maxLifetimeS + config.token.clockToleranceS) * 1000;
  const redis = config.redis ? await connectRedis(config.redis, logger.child({ part: 'redis' }), config.sessionGraceS * 1000, tokenTtlMs) : null;
  if (redis) stops.push(() => redis.stop());
  if (redis && driver && !(driver instanceof AmiDriver)) {
    // A webhook provider posts each event to one URL: only the instance it reaches sees the call.
    logger.warn({ pbx: config.pbx?.driver }, 'cluster mode with a webhook PBX driver: the provider must post every event to every bridge instance, or run one instance');
  }
  const server = new BridgeServer({
    ...(redis ? { adapter: redis.adapter, cluster: { link: redis, ...(options.clusterHeartbeatMs ? { heartbeatMs: options.clusterHeartbeatMs } : {}) } } : {}),
    ...(phones ? { ownAccessRoutes: [phones.route] } : {}),
    config,
    logger,
    ...(callControl ? { callControl } : {}),
    ...(presence ? { presence } : {}),
    ...(model ? { liveCalls: (ext: string) => model.callsForExtension(ext) } : {}),
    ...(driver ? { pbxCapabilities: driver.capabilities } : {}),
    ...(driver && driver.routes.length > 0 ? { routes: driver.routes } : {}),
    pbxStatus: () => driver?.status() ?? { connected: false, detail: 'no PBX configured' },
    ...(phones ? { phoneBookStatus: () => phones.status() } : {}),
  });
  serverRef = server;
  if (phones?.sync) registerPhoneBookMetrics(server.metrics.registry, phones.sync);
  if (model) {
    model.on('update', (call: Call, extensions: string[]) => server.pushCall(call, extensions));
    model.on('removed', (callId: string, extensions: string[]) => server.removeCall(callId, extensions));
    // After each CoreShowChannels check, bars keep only what the PBX still has.
    const live = model;
    model.on('reconciled', () => server.reconcileCalls((ext) => live.callsForExtension(ext)));
    model.on('ended', (record: CallRecord, call: Call) => {
      // The call id only: numbers and names stay out of the logs (README, "What the bridge keeps").
      logger.info({ callId: record.call_id, direction: record.direction, disposition: record.disposition, durationS: record.duration_s }, 'call ended');
      for (const sink of endedSinks) sink(record, call);
    });
  }

  // ---- call log outbox: wired here (issue 6).
  // Each ended call is written durably to the outbox (a quick local write), then delivered in
  // the background; the agent's admin user id comes from the agent tokens the bridge has seen.
  if (config.callLog?.enabled) {
    // The customer is looked up while the call rings (REST), so the record can carry it; a call
    // that ends before the answer is written at once and completed when the answer comes.
    const rest = config.callLog.rest;
    const awaitingCustomer = new Map<string, CallRecord>();
    const customers = rest
      ? new CallCustomers(restCustomerLookup({ url: rest.url, token: rest.token, logger: logger.child({ part: 'lookup' }) }), (callId, customerId) => {
          const record = awaitingCustomer.get(callId);
          awaitingCustomer.delete(callId);
          if (record && customerId !== null) callLog.record({ ...record, customer_id: customerId });
        })
      : null;
    if (customers && model) model.on('update', (call: Call) => customers.observe(call));
    const callLog = openCallLog(config.callLog, {
      logger,
      registry: server.metrics.registry,
      agentUserId: (ext: string) => server.agentUserId(ext),
      ...(customers ? { customerId: (record: { call_id: string }) => customers.customerOf(record.call_id) } : {}),
    });
    endedSinks.push((ended, call) => {
      // How the PBX routed the call (routing/routedCalls.ts): route, route_rule, route_reason, or none.
      const record = { ...ended, ...routeRecordFields(call.routing) };
      callLog.record(record);
      if (customers?.customerOf(record.call_id) === undefined && customers?.isPending(record.call_id)) {
        awaitingCustomer.set(record.call_id, record);
        if (awaitingCustomer.size > 1_000) awaitingCustomer.delete(awaitingCustomer.keys().next().value as string);
      }
    });
    stops.push(() => callLog.stop());
  }

  // ---- call routing (issue 15): the decision side exists before the admin listener, which takes
  // Magento's cache invalidations for it; the FastAGI server starts last and stops first.
  const decisionSinks: DecisionSink[] = [];
  // Each decision joins the call holding the AGI channel: the agents' bars say why, the record keeps the route.
  if (model && config.routing) {
    const routed = new RoutedCalls(model, { logger: logger.child({ part: 'routing' }) });
    decisionSinks.push((request, decision) => routed.decided(request, decision));
  }
  let routing: RoutingParts | null = null;
  if (config.routing) {
    const magento = routingMagento(config.routing, config.callLog?.rest);
    // The config schema refuses routing without Magento; this only guards a hand-built config.
    if (!magento) throw new Error('routing needs Magento: set routing.magento (url, token) or callLog.rest');
    routing = routingFromMagento({
      config: config.routing,
      magento,
      defaultRegion: config.callControl.defaultRegion,
      logger: logger.child({ part: 'routing' }),
      registry: server.metrics.registry,
    });
  }

  const port = await server.start();
  stops.push(() => server.stop());
  if (phones) {
    phones.start();
    stops.push(() => phones.stop());
  }
  // ---- admin listener: /healthz, /metrics and Magento's token revocations, off the agents' port.
  let adminPort: number | null = null;
  if (config.admin.enabled) {
    const parts = routing;
    const admin = adminListenerFor(
      server,
      config.admin,
      adminPortFor(config.admin, config.listen.port),
      () => config.secret,
      logger.child({ part: 'admin' }),
      parts ? (r) => parts.invalidate(r) : undefined,
    );
    try {
      adminPort = await admin.start();
    } catch (err) {
      for (const s of stops.reverse()) await s();
      throw err;
    }
    stops.push(() => admin.stop());
  }
  let routingRuntime: RoutingRuntime | null = null;
  let routingPort: number | null = null;
  if (routing && config.routing) {
    const parts = routing;
    const r = config.routing;
    const routingLog = logger.child({ part: 'routing' });
    parts.start();
    stops.push(() => parts.stop());
    const agi = new AgiServer({
      host: r.listen.host,
      port: r.listen.port,
      decide: parts.decider.decide,
      deadlineMs: r.deadlineMs,
      idleTimeoutMs: r.idleTimeoutMs,
      maxSessions: r.maxSessions,
      ...(r.allowFrom ? { allowFrom: r.allowFrom } : {}),
      logger: routingLog,
      registry: server.metrics.registry,
      onDecision: (request, decision) => {
        for (const sink of decisionSinks) {
          try {
            sink(request, decision);
          } catch (err) {
            routingLog.error({ err: (err as Error).message }, 'a routing decision listener failed');
          }
        }
      },
    });
    try {
      routingPort = await agi.start();
    } catch (err) {
      for (const s of stops.reverse()) await s();
      throw err;
    }
    stops.push(() => agi.stop());
    routingRuntime = { parts, agi, onDecision: decisionSinks };
  }
  if (driver) {
    driver.start();
    stops.push(() => driver.stop());
  }
  return {
    server,
    ami,
    pbx: driver,
    model,
    port,
    adminPort,
    routingPort,
    routing: routingRuntime,
    phones,
    async stop() {
      for (const s of stops.reverse()) await s();
    },
  };
}
