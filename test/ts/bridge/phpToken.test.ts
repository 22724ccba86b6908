import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { AgentTokenVerifier } from '../../../bridge/src/auth/agentToken';
import { TEST_SECRET, connect, startBridge } from '../helpers/bridgeHarness';

const ROOT = path.resolve(__dirname, '../../..');

/** Mints a token with the module's real PHP AgentTokenIssuer (Magento framework stand-ins around it). */
function phpMint(args: Record<string, string>): string {
  const argv = Object.entries(args).flatMap(([k, v]) => [`--${k}`, v]);
  return execFileSync('php', [path.join(ROOT, 'test/php/bin/mint-token.php'), ...argv], { encoding: 'utf8' }).trim();
}

describe('tokens minted by the Magento module', () => {
  const verifier = new AgentTokenVerifier({ secret: TEST_SECRET, maxLifetimeS: 3600, clockToleranceS: 30 });

  it('verify in the bridge with the claims Magento put in', async () => {
    const t = phpMint({ secret: TEST_SECRET, 'user-id': '42', ext: '7042', name: 'Zoé Lefèvre', perms: 'phone_bar,dial,all_calls', ttl: '900' });
    await expect(verifier.verify(t)).resolves.toMatchObject({ userId: 42, extension: '7042', name: 'Zoé Lefèvre', permissions: ['phone_bar', 'dial', 'all_calls'] });
  });

  it('open a socket.io session, and expired or foreign ones do not', async () => {
    const h = await startBridge();
    try {
      const ok = await connect(h.url, phpMint({ secret: TEST_SECRET, 'user-id': '7', ext: '7007', perms: 'phone_bar' }));
      expect(await ok.next('snapshot')).toMatchObject({ agent: { userId: 7, extension: '7007' } });
      ok.close();
      const old = phpMint({ secret: TEST_SECRET, 'user-id': '7', ext: '7007', perms: 'phone_bar', ttl: '60', now: String(Math.floor(Date.now() / 1000) - 3600) });
      await expect(connect(h.url, old)).rejects.toMatchObject({ data: { code: 'token_expired' } });
      const foreign = phpMint({ secret: 'another-shop-secret-0123456789abcdef', 'user-id': '7', ext: '7007', perms: 'phone_bar' });
      await expect(connect(h.url, foreign)).rejects.toMatchObject({ data: { code: 'token_forged' } });
    } finally {
      await h.stop();
    }
  });
});
