import type http from 'node:http';
import type { DemoAgent } from './directory';
import { escapeHtml as e } from './html';
import { barMarkup, type PageAssets } from './pages';

/**
 * Softphone mode in the demo, on when BANDEAU_DEMO_SIP_WS names a SIP-over-WebSocket server
 * (e.g. the test Kamailio of test/services/kamailio.sh): the pages get the softphone config, the
 * credentials controller answers for the demo agent of the session (as the module's
 * Controller/Adminhtml/Softphone/Credentials does for the logged-in admin user) and the pop-out
 * phone window is served. Environment:
 *   BANDEAU_DEMO_SIP_WS        ws:// or wss:// URL of the SIP server
 *   BANDEAU_DEMO_SIP_DOMAIN    SIP domain of the agents (default bandeau.test): sip:<extension>@<domain>
 *   BANDEAU_DEMO_SIP_PASSWORD  password of every demo agent (default bandeau-test)
 *   BANDEAU_DEMO_SIP_IN        where sip.js runs: auto | worker | popout (default auto)
 *   BANDEAU_DEMO_SIP_RELEASE_S unregister after that many seconds without a page (default 120)
 */
export interface DemoSoftphoneSettings {
  wsUrl: string;
  domain: string;
  password: string;
  sipIn?: 'auto' | 'worker' | 'popout';
  releaseAfterS?: number;
}

export function demoSoftphoneFromEnv(env: NodeJS.ProcessEnv = process.env): DemoSoftphoneSettings | null {
  const wsUrl = env.BANDEAU_DEMO_SIP_WS?.trim();
  if (!wsUrl) return null;
  if (!/^wss?:\/\/\S+$/.test(wsUrl)) throw new Error(`BANDEAU_DEMO_SIP_WS must be a ws:// or wss:// URL, got ${wsUrl}`);
  const sipIn = env.BANDEAU_DEMO_SIP_IN;
  const release = env.BANDEAU_DEMO_SIP_RELEASE_S;
  return {
    wsUrl,
    domain: env.BANDEAU_DEMO_SIP_DOMAIN?.trim() || 'bandeau.test',
    password: env.BANDEAU_DEMO_SIP_PASSWORD ?? 'bandeau-test',
    ...(sipIn === 'auto' || sipIn === 'worker' || sipIn === 'popout' ? { sipIn } : {}),
    ...(release && /^\d+$/.test(release) ? { releaseAfterS: Number(release) } : {}),
  };
}

export const SOFTPHONE_POPOUT_PATH = '/admin/bandeau/softphone/popout/';
const credentialsPath = (urlKey: string) => `/admin/bandeau/softphone/credentials/key/${urlKey}/`;

/** The page config keys of softphone mode (as the module's ViewModel renders them). */
export function demoSoftphoneConfig(s: DemoSoftphoneSettings, origin: string, urlKey: string): Record<string, unknown> {
  return {
    mode: 'softphone',
    softphoneCredentialsUrl: `${origin}${credentialsPath(urlKey)}`,
    softphonePopoutUrl: `${origin}${SOFTPHONE_POPOUT_PATH}`,
    ...(s.sipIn ? { softphoneSipIn: s.sipIn } : {}),
    ...(s.releaseAfterS !== undefined ? { softphoneReleaseAfterS: s.releaseAfterS } : {}),
  };
}

export interface DemoSoftphoneContext {
  settings: DemoSoftphoneSettings;
  urlKey: string;
  formKey: string;
  agent(): DemoAgent;
  form(): Promise<URLSearchParams>;
  /** Assets of a demo page whose config is extended with `extra`. */
  assets(extra: Record<string, unknown>): PageAssets;
  send(status: number, type: string, body: string, headers?: Record<string, string>): void;
}

/** Serves the credentials controller and the pop-out window; false when `path` is neither. */
export async function handleDemoSoftphone(req: http.IncomingMessage, path: string, c: DemoSoftphoneContext): Promise<boolean> {
  if (req.method === 'POST' && path === credentialsPath(c.urlKey)) {
    const json = (status: number, body: unknown) => c.send(status, 'application/json', JSON.stringify(body), { 'cache-control': 'no-store' });
    if ((await c.form()).get('form_key') !== c.formKey) {
      json(403, { error: { code: 'invalid_form_key', message: 'Invalid form key. Please refresh the page.' } });
      return true;
    }
    const agent = c.agent();
    json(200, {
      wsUrl: c.settings.wsUrl,
      uri: `sip:${agent.extension}@${c.settings.domain}`,
      username: agent.extension,
      password: c.settings.password,
      displayName: agent.name,
    });
    return true;
  }
  if (req.method === 'GET' && path === SOFTPHONE_POPOUT_PATH) {
    c.send(200, 'text/html; charset=utf-8', popoutPage(c.assets({ role: 'popout' })));
    return true;
  }
  return false;
}

function popoutPage(a: PageAssets): string {
  const bar = barMarkup(a);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Phone / Magento Admin (Bandeau demo)</title>
<style>body{margin:0;font:14px/1.4 'Open Sans','Helvetica Neue',Arial,sans-serif;color:#303030}</style>
<script src="${e(a.requireJsUrl)}"></script>
<script src="${e(a.requireConfigUrl)}"></script>
</head><body class="adminhtml bandeau-popout"${bar.bodyAttrs}>
${bar.root}
</body></html>`;
}
