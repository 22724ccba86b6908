import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { AmiClient } from '../../../bridge/src/ami/client';
import { AmiTestPeer } from '../../../bridge/src/testpeer';
import { once } from './support';

function makeCert(): { key: string; cert: string } | undefined {
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bandeau-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
    const out = { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
    fs.rmSync(dir, { recursive: true, force: true });
    return out;
  } catch {
    return undefined;
  }
}

const pem = makeCert();
const maybe = pem ? test : test.skip;

describe('AmiClient over TLS', () => {
  maybe('logs in through a TLS terminator, verifying the certificate against the configured CA', async () => {
    const peer = new AmiTestPeer();
    await peer.start();
    const front = tls.createServer({ key: pem!.key, cert: pem!.cert }, (s) => {
      const back = net.connect(peer.port, '127.0.0.1');
      s.pipe(back).pipe(s);
      s.on('error', () => back.destroy());
      back.on('error', () => s.destroy());
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    const port = (front.address() as net.AddressInfo).port;
    const client = new AmiClient({ host: '127.0.0.1', port, tls: true, tlsCa: pem!.cert, username: 'bandeau', secret: 'bandeau-secret', reconnect: { minMs: 10, maxMs: 50 } });
    const login = once(client, 'login');
    client.start();
    await login;
    expect(client.serverVersion).toBe('5.0.5');
    expect(peer.actions.map((a) => a.get('action'))).toContain('Login');
    await client.stop();

    // Without the CA the certificate is refused and no login happens.
    const strict = new AmiClient({ host: '127.0.0.1', port, tls: true, username: 'bandeau', secret: 'bandeau-secret', reconnect: { minMs: 10, maxMs: 50 } });
    const lost = once<[{ reason: string }]>(strict, 'disconnect');
    strict.start();
    expect((await lost)[0].reason).toMatch(/self[- ]signed|certificate/i);
    await strict.stop();
    await new Promise((r) => front.close(r));
    await peer.stop();
  });
});
