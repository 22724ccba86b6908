/**
 * Wires an AMI client to a call model: every event goes to the model, and
 * each CoreShowChannels answer (after every login, and every
 * `calls.reconcileIntervalS` seconds) reconciles its live channels with the
 * PBX's. Returns a function that unwires them.
 */
import type { AmiClient } from '../ami/client';
import type { AmiMessage } from '../ami/message';
import type { CallModel, ResyncToken } from './model';

export interface ModelLinkOptions {
  /** Period of the reconciliation (default: the model's `reconcileIntervalS`; 0: only on login). */
  reconcileIntervalMs?: number;
}

export function connectModelToAmi(client: AmiClient, model: CallModel, options: ModelLinkOptions = {}): () => void {
  let token: ResyncToken | undefined;
  let inFlight = false;
  const onEvent = (m: AmiMessage): void => model.handleEvent(m);
  const onStart = (): void => {
    // The oldest request's mark: with two lists on their way (a login during a periodic check,
    // or a check that never got its answer) it protects at least every channel it should.
    token ??= model.beginResync();
  };
  const onResync = (channels: AmiMessage[]): void => {
    model.resync(channels, token);
    token = undefined;
  };
  // A list asked on a lost connection never comes: the next login starts afresh.
  const onDisconnect = (): void => {
    token = undefined;
  };
  client.on('event', onEvent);
  client.on('resyncStart', onStart);
  client.on('resync', onResync);
  client.on('disconnect', onDisconnect);
  const periodMs = options.reconcileIntervalMs ?? model.config.reconcileIntervalS * 1000;
  let timer: NodeJS.Timeout | undefined;
  if (periodMs > 0) {
    timer = setInterval(() => {
      // One check at a time; a link that is down is checked again on its next login.
      if (!client.ready || inFlight) return;
      inFlight = true;
      void client.resync().finally(() => {
        inFlight = false;
      });
    }, periodMs);
    timer.unref();
  }
  return () => {
    if (timer) clearInterval(timer);
    client.off('event', onEvent);
    client.off('resyncStart', onStart);
    client.off('resync', onResync);
    client.off('disconnect', onDisconnect);
  };
}
