import { PageConfig, parseMessage, type ViewState } from '../../../bridge/src/protocol/messages';
import { log } from '../shared/log';
import { loadKnockout } from './knockout';
import { mountPhoneBar } from './phoneBar';
import { SessionLink } from './sessionLink';
import { makeTranslator } from './strings';
import { installTelLinks } from './telLinks';

performance.mark('bandeau:start');

/** Exposed for diagnostics and end-to-end tests: the last state this page rendered. */
interface BandeauDebug {
  state: ViewState | null;
  link: SessionLink | null;
}
const debug: BandeauDebug = { state: null, link: null };
(window as unknown as { bandeau: BandeauDebug }).bandeau = debug;

async function start(): Promise<void> {
  const root = document.getElementById('bandeau-cti-root');
  if (!root) return;
  let raw: unknown;
  try {
    raw = JSON.parse(root.getAttribute('data-bandeau-config') ?? '');
  } catch {
    log.error('data-bandeau-config is not JSON; phone bar disabled');
    return;
  }
  const parsed = parseMessage(PageConfig, raw);
  if (!parsed.ok) {
    log.error('invalid phone bar config:', parsed.reason);
    return;
  }
  const config = parsed.value;
  const t = makeTranslator(config.i18n);
  const bar = mountPhoneBar(root, await loadKnockout(), t);
  let live = false;
  const link = new SessionLink(
    config,
    (state) => {
      debug.state = state;
      bar.render(state);
      if (!live && state.connection === 'connected') {
        live = true;
        performance.mark('bandeau:live');
      }
    },
    (notice) => {
      if (notice.level === 'error') log.warn(`${notice.code}: ${notice.message}`);
    },
  );
  debug.link = link;
  installTelLinks((number) => link.command({ type: 'call.dial', number }));
  await link.open();
}

start().catch((err: unknown) => log.error('phone bar failed to start:', err));
