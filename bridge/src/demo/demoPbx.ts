import type http from 'node:http';
import type { AmiTestPeer } from '../testpeer';
import { handleRecordedFlows } from './demoRecordedFlows';
import { ringRouted, type RoutingAddress } from './demoInboundRouting';

/** AMI action headers never shown by the demo. */
const SECRET_HEADERS = new Set(['secret', 'key']);

/**
 * HTTP controls of the demo's stand-in PBX (the AMI test peer), so a newcomer, or an
 * end-to-end test, can make a customer call in, answer, hang up, play recorded Asterisk call
 * flows (demoRecordedFlows.ts), and see the AMI actions the bridge sent. An inbound call asks
 * the bridge's routing server first, as the README's dialplan makes Asterisk do
 * (demoInboundRouting.ts). Demo only: nothing like it exists in production.
 */
export async function handleDemoPbx(peer: AmiTestPeer, req: http.IncomingMessage, res: http.ServerResponse, path: string, body: () => Promise<URLSearchParams>, routing: RoutingAddress = () => null): Promise<boolean> {
  const json = (status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(value));
    return true;
  };
  if (req.method === 'GET' && path === '/demo/pbx/actions') {
    // Without the login's secret or digest (Login carries Secret, or Key with the MD5 challenge answer).
    return json(200, peer.actions.map((a) => Object.fromEntries(a.headers.filter(([k]) => !SECRET_HEADERS.has(k.toLowerCase())).map(([k, v]) => [k, v]))));
  }
  if (req.method === 'GET' && path === '/demo/pbx/channels') return json(200, peer.channels);
  if (path.startsWith('/demo/pbx/recorded')) return handleRecordedFlows(peer, req.method ?? 'GET', path, body, json);
  if (req.method !== 'POST') return false;
  const form = await body();
  const ext = (v: string | null) => (v && /^\d{2,6}$/.test(v) ? v : null);
  switch (path) {
    case '/demo/pbx/ring': {
      const from = form.get('from') ?? '';
      const to = ext(form.get('to')) ?? '7001';
      if (!/^\+?[0-9 ]{3,20}$/.test(from)) return json(400, { error: 'from must be a phone number' });
      const alsoRing = (form.get('alsoRing') ?? '').split(',').map(ext).filter((e): e is string => e !== null && e !== to);
      const ring = await ringRouted(peer, routing, { from: from.replace(/ /g, ''), toExtension: to, alsoRing });
      return json(200, ring);
    }
    case '/demo/pbx/answer': {
      const id = form.get('callId') ?? '';
      peer.answer(id, ext(form.get('by')) ?? undefined);
      return json(200, { ok: true });
    }
    case '/demo/pbx/hangup': {
      const id = form.get('callId');
      if (id) peer.hangup(id);
      else peer.hangupAll();
      return json(200, { ok: true });
    }
    default:
      return false;
  }
}
