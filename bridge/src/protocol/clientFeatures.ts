/**
 * The protocol features a client handles, declared in its socket.io handshake auth
 * (`{ token, features: [...] }`). The Magento module (which ships the worker) and the bridge are
 * upgraded separately, so a bridge may serve a worker older than a message: it sends that worker
 * what it understood before the feature existed (`colleagues.changed`: the whole list again at
 * each team change). The worker declares CLIENT_FEATURES; the bridge reads them with ClientFeatures.
 */
import * as z from 'zod/mini';

/** Every feature a client may declare, and what the current worker handles. */
export const CLIENT_FEATURES = [
  /** Team changes as `colleagues.changed` deltas after the whole list at connect (colleagueList.ts). */
  'colleagues.changed',
] as const;
export const ClientFeature = z.enum(CLIENT_FEATURES);
export type ClientFeature = z.infer<typeof ClientFeature>;

/** Far more than there are features: a longer list is no client's, and is read as none. */
const FEATURES_MAX = 32;

/**
 * The handshake auth's `features`, as the bridge reads them: the known ones kept, unknown or
 * malformed entries (or a malformed list) ignored, never a refusal (the token alone authenticates).
 */
export const ClientFeatures = z.pipe(
  z.catch(z.object({ features: z.catch(z.array(z.unknown()).check(z.maxLength(FEATURES_MAX)), []) }), { features: [] }),
  z.transform(({ features }) => new Set(features.filter((f): f is ClientFeature => ClientFeature.safeParse(f).success))),
);

/** Whether the client that sent this handshake auth declared `feature`. */
export function declares(auth: unknown, feature: ClientFeature): boolean {
  return ClientFeatures.parse(auth).has(feature);
}
