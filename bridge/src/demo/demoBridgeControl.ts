import type http from 'node:http';

/**
 * Demo only: stop and start the bridge while the demo's Magento stand-in and PBX keep running,
 * to see the bar go offline (controls disabled) and come back by itself with a fresh token, no
 * page load. `rotateSecret`: the bridge comes back with another shared secret, which the demo's
 * Magento also gets, so the token the browser held is refused and a new one must be fetched.
 */
export interface BridgeControl {
  stop(): Promise<void>;
  start(o: { rotateSecret: boolean }): Promise<void>;
  running(): boolean;
}

export async function handleBridgeControl(control: BridgeControl, req: http.IncomingMessage, res: http.ServerResponse, path: string, form: () => Promise<URLSearchParams>): Promise<boolean> {
  const json = (status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(value));
    return true;
  };
  if (req.method === 'GET' && path === '/demo/bridge') return json(200, { running: control.running() });
  if (req.method !== 'POST') return false;
  if (path === '/demo/bridge/stop') {
    await control.stop();
    return json(200, { running: control.running() });
  }
  if (path === '/demo/bridge/start') {
    const f = await form();
    await control.start({ rotateSecret: f.get('rotateSecret') === '1' });
    return json(200, { running: control.running() });
  }
  return false;
}
