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
  let link: SessionLink | null = null;
  const noteUrl = config.noteUrl;
  const bar = mountPhoneBar(root, await loadKnockout(), {
    t,
    softphone: config.mode === 'softphone',
    send: (c) => link?.command(c),
    ...(noteUrl ? { saveNote: (callId: string, note: string) => postNote(noteUrl, config.formKey, callId, note) } : {}),
  });
  let live = false;
  link = new SessionLink(
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
      if (notice.level !== 'error') return;
      log.warn(`${notice.code}: ${notice.message}`);
      bar.notice(notice.message);
    },
  );
  debug.link = link;
  const opened = link;
  installTelLinks((number) => opened.command({ type: 'call.dial', number }));
  await opened.open();
}

/** Saves a wrap-up note through Magento's admin controller (admin session + form_key). */
async function postNote(url: string, formKey: string | undefined, callId: string, note: string): Promise<void> {
  const body = new URLSearchParams({ call_id: callId, note, isAjax: 'true' });
  if (formKey) body.set('form_key', formKey);
  const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'x-requested-with': 'XMLHttpRequest' }, body });
  if (res.ok) return;
  let message = `HTTP ${res.status}`;
  try {
    const j = (await res.json()) as { error?: { message?: unknown } };
    if (typeof j.error?.message === 'string') message = j.error.message;
  } catch {
    // not JSON: keep the status
  }
  throw new Error(message);
}

start().catch((err: unknown) => log.error('phone bar failed to start:', err));
