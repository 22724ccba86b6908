import type { MyDayResponse, ViewState } from '../../../../bridge/src/protocol/messages';
import { adminPost } from '../adminPost';
import type { Ko } from '../knockout';
import { languageTag, makePlural, type Plural } from '../plural';
import { protocolChecks } from '../protocolChecks';
import type { Translate } from '../strings';
import type { UiState } from './uiState';
import { CAMPAIGN_OUTCOMES } from '../campaignDay';
import { clockTime, inDisplayZone, when } from './when';

/** One missed call to call back, in words (knockout `text`/`attr` only). */
export interface CallBackView {
  callId: string;
  /** The customer's name, else the number. */
  who: string;
  number: string;
  /** "09:12", and the full date for the tooltip. */
  time: string;
  date: string;
  /** "2 missed calls" or "Hung up while waiting". */
  meta: string;
  /** "Call Veronica Costello": the call-back button's accessible name. */
  callLabel: string;
}

export interface CampaignDayView {
  id: number;
  name: string;
  today: string;
  overall: string;
  conversions: string;
  /** "Will order: 1" for each outcome recorded today. */
  outcomes: string[];
}

/** "My day" in the agent's language: what the panel shows. */
export interface MyDayView {
  calls: string;
  answered: string;
  missed: string;
  talk: string;
  callBack: CallBackView[];
  /** The summary badge's tooltip: "2 missed calls to call back". */
  callBackLabel: string;
  campaigns: CampaignDayView[];
}

/**
 * Magento's answer (Controller/Adminhtml/Analytics/MyDay.php) as sentences with the language's
 * plurals. Outcomes get the labels the campaign panel offers; an outcome it does not know is shown as
 * stored.
 */
export function presentMyDay(d: MyDayResponse, t: Translate, tn: Plural, now: number, locale?: string): MyDayView {
  const outcome = (o: string) => {
    const known = CAMPAIGN_OUTCOMES.find(([v]) => v === o);
    return known ? t(known[1]) : o;
  };
  return {
    calls: tn(d.calls.total, '%1 call today', '%1 calls today'),
    answered: tn(d.calls.answered, '%1 answered call', '%1 answered calls'),
    missed: tn(d.calls.missed, '%1 missed call', '%1 missed calls'),
    talk: t('Talk time %1', clockTime(d.calls.talkS)),
    callBack: d.callBack.map((c) => {
      const at = when(c.at, now, locale);
      const who = c.name ?? c.number;
      return {
        callId: c.callId,
        who,
        number: c.number,
        time: at.short,
        date: at.full,
        meta: c.times > 1 ? tn(c.times, '%1 missed call', '%1 missed calls') : c.disposition === 'abandoned' ? t('Hung up while waiting') : t('Missed call'),
        callLabel: t('Call %1', who),
      };
    }),
    callBackLabel: tn(d.callBack.length, '%1 missed call to call back', '%1 missed calls to call back'),
    campaigns: d.campaigns.map((c) => ({
      id: c.id,
      name: c.name,
      today: t('Reached today: %1 of %2', c.reachedToday, c.calledToday),
      overall: t('Reached overall: %1 of %2', c.reached, c.called),
      conversions: tn(c.conversions, '%1 conversion', '%1 conversions'),
      outcomes: c.outcomesToday.map((o) => `${outcome(o.outcome)}: ${o.count}`),
    })),
  };
}

export interface MyDayOptions {
  t: Translate;
  locale?: string;
  /** bandeau/analytics/myday (Controller/Adminhtml/Analytics/MyDay.php). */
  url: string;
  formKey: string | undefined;
  /** Dials through the session, as the bar's other dial actions (softphone or PBX). */
  dial(number: string): void;
  ui: UiState;
}

export interface MyDayPanel {
  /** The bar's state: a call that ends refreshes the figures (while the panel is open). */
  render(state: ViewState): void;
}

/** How long after a call ended Magento is asked again: the bridge delivers the call record first. */
const AFTER_CALL_MS = 4_000;

/** The view model (no DOM: unit-tested in Node) and what the bar feeds it. */
export function createMyDay(ko: Ko, o: MyDayOptions) {
  const { t } = o;
  const tn = makePlural(t, o.locale);
  const timeFormat = new Intl.DateTimeFormat(languageTag(o.locale), inDisplayZone({ timeStyle: 'short' }));
  /** The newest ended call the figures include (undefined before the first state). */
  let endedSeen: string | null | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const vm = {
    t,
    open: o.ui.openObservable(ko, 'myDay'),
    loading: ko.observable(false),
    error: ko.observable(''),
    view: ko.observable<MyDayView | null>(null),
    updated: ko.observable(''),
    toCallBack: ko.pureComputed((): number => vm.view()?.callBack.length ?? 0),
    toggled(_: unknown, ev: { target: unknown }) {
      const open = (ev.target as { open: boolean }).open;
      vm.open(open);
      if (open) void vm.refresh();
      return true;
    },
    async refresh(): Promise<void> {
      if (vm.loading()) return;
      vm.loading(true);
      try {
        const [answer, { parseMessage, MyDayResponse }] = await Promise.all([adminPost(o.url, o.formKey, {}), protocolChecks()]);
        const r = parseMessage(MyDayResponse, answer);
        if (!r.ok) throw Object.assign(new Error(`unexpected answer (${r.reason})`), { code: 'http_invalid' });
        const now = Date.now();
        vm.view(presentMyDay(r.value, t, tn, now, o.locale));
        vm.updated(t('Updated at %1', timeFormat.format(now)));
        vm.error('');
      } catch (err) {
        // Magento's refusal is a sentence in the agent's language; no answer at all gets ours.
        const code = (err as { code?: unknown }).code;
        vm.error(typeof code === 'string' && !code.startsWith('http_') && (err as Error).message ? (err as Error).message : t('Magento did not answer. Check the connection and try again.'));
      } finally {
        vm.loading(false);
      }
    },
    callBack(c: CallBackView) {
      o.dial(c.number);
    },
  };
  const panel: MyDayPanel = {
    render(state) {
      // The newest ended call: when another one ends, its record reaches Magento shortly after.
      const last = state.recent[0]?.id ?? null;
      if (endedSeen === undefined) endedSeen = last;
      if (last === endedSeen) return;
      endedSeen = last;
      clearTimeout(timer);
      if (vm.open()) timer = setTimeout(() => void vm.refresh(), AFTER_CALL_MS);
    },
  };
  return { vm, panel };
}
