// First: the lazy chunks' URLs come from this script's own URL, read while it first runs.
import './chunkUrls';
import { log } from '../shared/log';
import { readPageConfig } from './workerMessages';
import { loadKnockout } from './knockout';
import { mountPhoneBar } from './bar/phoneBar';
import { SessionLink } from './sessionLink';
import { makeTranslator } from './strings';
import { installTelLinks } from './telLinks';
import { dialString } from './telUri';
import { searchDirectory } from './directorySearch';
import { errorSentence } from './errorSentences';
import { isCampaignCall } from './campaignCall';
import type { CampaignPanel } from './campaignPanel';
import { postWrapUp } from './bar/wrapUp';
import { lazyCampaignPanel, loadSoftphone, type PageSoftphone } from './lazyParts';
import { lazyMyDay } from './bar/myDaySlot';
import type { MyDayPanel } from './bar/myDayPanel';
import { FirstPaintRestore } from './firstPaint';
import { dropOtherScopes, restoreDisabled, storageOf, storageScope } from './storageScope';
import { UiState, UI_STATE_PREFIX } from './bar/uiState';
import { displayTimeZone } from './bar/when';
import type { BandeauDebug } from './pageDebug';

performance.mark('bandeau:start');

// Exposed for diagnostics and end-to-end tests (pageDebug.ts).
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
  const parsed = readPageConfig(raw);
  if (!parsed.ok) {
    log.error('invalid phone bar config:', parsed.reason);
    return;
  }
  const config = parsed.value;
  // The store's zone, as the Calls grid: not the browser's.
  displayTimeZone(config.timeZone);
  // Before anything asynchronous: the first frame shows the tab's last picture of the bar.
  const scope = storageScope(config.formKey);
  const firstPaint = new FirstPaintRestore(root, scope, !restoreDisabled());
  debug.firstPaint = firstPaint.info;
  dropOtherScopes(storageOf('localStorage'), UI_STATE_PREFIX, scope);
  const ui = new UiState(scope);
  const t = makeTranslator(config.i18n);
  let link: SessionLink | null = null;
  let soft: PageSoftphone | null = null;
  const noteUrl = config.noteUrl;
  const directoryUrl = config.directoryUrl;
  // Softphone mode: its chunk loads while knockout does (the session opens once it is there).
  const softphoneChunk = config.mode === 'softphone' && config.softphoneCredentialsUrl ? loadSoftphone() : null;
  softphoneChunk?.catch(() => undefined);
  const ko = await loadKnockout();
  // Softphone mode: numbers are dialled by the browser's SIP user agent, not through the PBX link.
  const dial = (number: string) => (soft ? link?.softphone({ type: 'softphone.dial', target: number }) : link?.command({ type: 'call.dial', number }));
  const bar = mountPhoneBar(root, ko, {
    t,
    softphone: config.mode === 'softphone',
    send: (c) => (c.type === 'call.dial' ? dial(c.number) : link?.command(c)),
    onMute: (muted) => soft?.muteAll(muted),
    softphoneCommand: (c) => link?.softphone(c),
    request: (c) => (link ? link.request(c) : Promise.reject(Object.assign(new Error('offline'), { code: 'offline' }))),
    ui,
    locale: config.locale ?? document.documentElement.lang,
    // The dial box waits for the bridge's answer: a refused entry stays, with the reason.
    placeCall: (number: string) =>
      soft ? Promise.resolve(link?.softphone({ type: 'softphone.dial', target: number })) : link ? link.request({ type: 'call.dial', number }) : Promise.reject(Object.assign(new Error('offline'), { code: 'offline' })),
    ...(directoryUrl ? { searchDirectory: (q: string) => searchDirectory(directoryUrl, config.formKey, q) } : {}),
    ...(noteUrl ? { saveWrapUp: (w) => postWrapUp(noteUrl, config.formKey, w) } : {}),
    ...(config.wrapUp ? { wrapUpChoices: config.wrapUp } : {}),
    isCampaignCall,
    storageScope: scope,
    lazyPart: (part) => firstPaint.waitFor(part),
  });
  firstPaint.hold(bar.element);
  let live = false;
  let campaign: CampaignPanel | null = null;
  let myDay: MyDayPanel | null = null;
  link = new SessionLink(
    config,
    (state) => {
      debug.state = state;
      bar.render(state);
      soft?.render(state);
      campaign?.render(state);
      myDay?.render(state);
      firstPaint.rendered(state);
      if (!live && state.connection === 'connected') {
        live = true;
        performance.mark('bandeau:live');
      }
    },
    (notice) => {
      if (notice.level !== 'error') return;
      log.warn(`${notice.code}: ${notice.message}`);
      bar.notice(errorSentence(notice, t));
    },
  );
  debug.link = link;
  const opened = link;
  if (ko && bar.body && config.campaignNextUrl && config.campaignOutcomeUrl) {
    campaign = lazyCampaignPanel(bar.body, ko, {
      t,
      nextUrl: config.campaignNextUrl,
      outcomeUrl: config.campaignOutcomeUrl,
      ...(config.campaignSkipUrl ? { skipUrl: config.campaignSkipUrl } : {}),
      ...(config.campaignSnoozeUrl ? { snoozeUrl: config.campaignSnoozeUrl } : {}),
      ...(config.campaignTodayUrl ? { todayUrl: config.campaignTodayUrl } : {}),
      ...(config.locale ? { locale: config.locale } : {}),
      formKey: config.formKey,
      dial: (number) => opened.request({ type: 'call.dial', number }),
      ui,
    }, (part) => firstPaint.waitFor(part));
  }
  // "My day": the call-back buttons dial as the recent calls' do (softphone or PBX).
  if (ko && bar.body && config.myDayUrl) {
    myDay = lazyMyDay(bar.body, ko, { t, url: config.myDayUrl, formKey: config.formKey, dial, ui, ...(config.locale ? { locale: config.locale } : {}) }, (part) => firstPaint.waitFor(part));
  }
  if (softphoneChunk) {
    // Before the session opens: the worker's first SDP requests find their host.
    const part = softphoneChunk.then(({ installPageSoftphone }) => {
      soft = installPageSoftphone({ config, link: opened, ko, bar: bar.element, t });
      debug.media = soft.media;
    });
    firstPaint.waitFor(part);
    await part;
  }
  // The PBX link dials an extension as DTMF once the far end answers; the softphone dials the number only.
  if (config.role !== 'popout')
    installTelLinks((target) => {
      // A link carrying control characters (a header injection attempt) is refused here with a
      // sentence; the protocol would refuse it too, but only as a message it did not understand.
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u007f]/.test(target.number + (target.extension ?? ''))) return bar.notice(errorSentence({ code: 'invalid_number' }, t));
      dial(soft ? target.number : dialString(target));
    });
  // Every view model of the bar is bound: diagnostics, and the demo's Magento stand-in waits for it.
  performance.mark('bandeau:mounted');
  await opened.open();
}

start().catch((err: unknown) => log.error('phone bar failed to start:', err));
