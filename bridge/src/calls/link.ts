/**
 * Wires an AMI client to a call model: every event goes to the model, and
 * each CoreShowChannels answer after a (re)login rebuilds its live channels.
 * Returns a function that unwires them.
 */
import type { AmiClient } from '../ami/client';
import type { AmiMessage } from '../ami/message';
import type { CallModel, ResyncToken } from './model';

export function connectModelToAmi(client: AmiClient, model: CallModel): () => void {
  let token: ResyncToken | undefined;
  const onEvent = (m: AmiMessage): void => model.handleEvent(m);
  const onStart = (): void => {
    token = model.beginResync();
  };
  const onResync = (channels: AmiMessage[]): void => {
    model.resync(channels, token);
    token = undefined;
  };
  client.on('event', onEvent);
  client.on('resyncStart', onStart);
  client.on('resync', onResync);
  return () => {
    client.off('event', onEvent);
    client.off('resyncStart', onStart);
    client.off('resync', onResync);
  };
}
