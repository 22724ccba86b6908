/**
 * Fresh ids for replayed events, so that playing one capture twice gives
 * two distinct calls: every Uniqueid/Linkedid (whatever its key prefix),
 * the hex suffix of channel names, bridge ids, and timestamps are mapped
 * consistently within one playback.
 */
import { randomUUID } from 'node:crypto';
import { AmiMessage } from '../ami/message';

export interface RewriteIds {
  newUniqueid(): string;
  suffix(): string;
  now(): number;
}

const ID_KEY = /(uniqueid\d?|linkedid)$/i;
const CHANNEL_KEY = /(^|[a-z])(channel\d?|destination)$/i;
const BRIDGE_KEY = /(bridgeuniqueid|bridgeid)$/i;
const CHANNEL_SUFFIX = /-([0-9a-fA-F]{6,})(;[12])?$/;

export function rewriteForPlayback(events: AmiMessage[], ids: RewriteIds): AmiMessage[] {
  const uid = new Map<string, string>();
  const suf = new Map<string, string>();
  const bridge = new Map<string, string>();
  const map = (m: Map<string, string>, k: string, make: () => string): string => {
    let v = m.get(k);
    if (v === undefined) {
      v = make();
      m.set(k, v);
    }
    return v;
  };
  return events.map((ev) => {
    const out = new AmiMessage();
    for (const [k, v] of ev.headers) {
      let value = v;
      if (v !== '' && v !== '<unknown>' && v !== '<null>') {
        if (ID_KEY.test(k) && !BRIDGE_KEY.test(k)) value = map(uid, v, ids.newUniqueid);
        else if (BRIDGE_KEY.test(k)) value = map(bridge, v, randomUUID);
        else if (CHANNEL_KEY.test(k) && !/state|desc/i.test(k)) {
          value = v.replace(CHANNEL_SUFFIX, (_all, hex: string, half: string | undefined) => `-${map(suf, hex, ids.suffix)}${half ?? ''}`);
        } else if (/^timestamp$/i.test(k)) value = (ids.now() / 1000).toFixed(6);
      }
      out.add(k, value);
    }
    return out;
  });
}
