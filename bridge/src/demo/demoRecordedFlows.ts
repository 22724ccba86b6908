/**
 * The demo PBX's recorded call flows over HTTP: real Asterisk 22 streams played by the AMI
 * test peer, step by step or at recorded pace, with the demo customer chosen as the caller.
 *
 *   GET  /demo/pbx/recorded              scenarios (or why they are hidden) and flows
 *   POST /demo/pbx/recorded/start        scenario, from?, name?, agents? ("role=ext,role=ext")
 *   POST /demo/pbx/recorded/step         flowId: plays the next step
 *   POST /demo/pbx/recorded/run          flowId, speed?: plays the rest at recorded pace / speed
 */
import type { AmiTestPeer } from '../testpeer';
import { RecordingUnavailableError } from '../testpeer';

type Json = (status: number, value: unknown) => boolean;

export async function handleRecordedFlows(peer: AmiTestPeer, method: string, path: string, body: () => Promise<URLSearchParams>, json: Json): Promise<boolean> {
  const player = peer.recorded;
  if (method === 'GET' && path === '/demo/pbx/recorded') {
    const problem = player.unavailable();
    if (problem) return json(200, { available: false, reason: `Recorded call flows are hidden: ${problem}.`, scenarios: [], flows: [] });
    const scenarios = player.scenarios().map((s) => ({
      name: s.name,
      label: s.label,
      inbound: s.caller !== undefined,
      agents: Object.fromEntries(Object.entries(s.roles).map(([role, r]) => [role, r.played])),
      steps: s.phases.map((p) => p.name),
    }));
    return json(200, { available: true, scenarios, flows: player.list() });
  }
  if (method !== 'POST') return false;
  const form = await body();
  const flowId = form.get('flowId') ?? '';
  switch (path) {
    case '/demo/pbx/recorded/start': {
      const from = form.get('from');
      const agents: Record<string, string> = {};
      for (const pair of (form.get('agents') ?? '').split(',').filter(Boolean)) {
        const [role, ext] = pair.split('=');
        if (role && ext) agents[role.trim()] = ext.trim();
      }
      try {
        const flow = player.start(form.get('scenario') ?? '', {
          ...(from ? { caller: { number: from, ...(form.get('name') ? { name: form.get('name') as string } : {}) } } : {}),
          agents,
        });
        return json(200, flow.describe());
      } catch (err) {
        return json(err instanceof RecordingUnavailableError ? 503 : 400, { error: (err as Error).message });
      }
    }
    case '/demo/pbx/recorded/step': {
      const flow = player.get(flowId);
      if (!flow) return json(404, { error: 'no such recorded flow' });
      player.step(flowId);
      return json(200, flow.describe());
    }
    case '/demo/pbx/recorded/run': {
      const flow = player.get(flowId);
      if (!flow) return json(404, { error: 'no such recorded flow' });
      const speed = Number(form.get('speed') ?? '1');
      void player.run(flowId, Number.isFinite(speed) && speed > 0 && speed <= 1000 ? speed : 1);
      return json(200, flow.describe());
    }
    default:
      return json(404, { error: 'unknown recorded flow control' });
  }
}
