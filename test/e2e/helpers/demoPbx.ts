/** Drives the demo's stand-in PBX (the AMI test peer) over the demo site's HTTP controls. */
export interface FlowInfo {
  id: string;
  scenario: string;
  status: 'playing' | 'done' | 'aborted';
  callId: string | null;
  caller: { number: string; name: string } | null;
  agents: Record<string, string>;
  next: { name: string; label: string; action: string | null } | null;
  phases: Array<{ name: string; played: boolean; by: 'step' | 'action' | null }>;
}

export function pbx(siteUrl: string) {
  const post = async (path: string, form: Record<string, string>) => {
    const res = await fetch(siteUrl + path, { method: 'POST', body: new URLSearchParams(form) });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  return {
    ring: async (from: string, to: string, alsoRing: string[] = []) => (await post('/demo/pbx/ring', { from, to, alsoRing: alsoRing.join(',') })).callId as string,
    answer: (callId: string, by?: string) => post('/demo/pbx/answer', by ? { callId, by } : { callId }),
    hangup: (callId?: string) => post('/demo/pbx/hangup', callId ? { callId } : {}),
    actions: async () => (await (await fetch(`${siteUrl}/demo/pbx/actions`)).json()) as Array<Record<string, string>>,
    channels: async () => (await (await fetch(`${siteUrl}/demo/pbx/channels`)).json()) as Array<{ name: string; uniqueid: string; state: number; bridgeId?: string }>,
    /** Starts a recorded Asterisk flow (real stream, first step played); `from` replaces the recorded trunk caller. */
    record: async (scenario: string, o: { from?: string; name?: string; agents?: Record<string, string> } = {}) =>
      (await post('/demo/pbx/recorded/start', {
        scenario,
        ...(o.from ? { from: o.from } : {}),
        ...(o.name ? { name: o.name } : {}),
        ...(o.agents ? { agents: Object.entries(o.agents).map(([r, e]) => `${r}=${e}`).join(',') } : {}),
      })) as unknown as FlowInfo,
    /** Plays the flow's next recorded step. */
    step: async (flowId: string) => (await post('/demo/pbx/recorded/step', { flowId })) as unknown as FlowInfo,
    flows: async () => ((await (await fetch(`${siteUrl}/demo/pbx/recorded`)).json()) as { available: boolean; reason?: string; flows: FlowInfo[] }),
  };
}
