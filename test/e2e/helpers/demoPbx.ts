/** Drives the demo's stand-in PBX (the AMI test peer) over the demo site's HTTP controls. */
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
  };
}
