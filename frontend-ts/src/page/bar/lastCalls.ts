import type { CustomerCard } from '../../../../bridge/src/protocol/messages';
import type { StringKey, Translate } from '../strings';
import { when } from './when';
import { OUTCOME_LABEL } from './model';

type LastCall = NonNullable<CustomerCard['lastCalls']>[number];

/** One of the caller's last calls on the screen-pop card: plain text only (knockout `text`). */
export interface LastCallView {
  id: string;
  /** "Yesterday 09:12", and the full date for the tooltip. */
  time: string;
  date: string;
  icon: 'inbound' | 'outbound' | 'missed' | 'transfer';
  directionLabel: string;
  /** The agent's outcome, else how the call ended ("Missed"); '' when neither is known. */
  outcome: string;
  note: string;
}

const DIRECTION: Record<LastCall['direction'], StringKey> = { inbound: 'Incoming call', outbound: 'Outgoing call', internal: 'Internal call' };

/**
 * The last calls Magento's lookup found for a customer (newest first, at most 3): when, which
 * way, the outcome the agent chose (Magento sends it translated) and the note, cut short there.
 */
export function presentLastCalls(calls: LastCall[] | undefined, t: Translate, now: number, locale?: string): LastCallView[] {
  return (calls ?? []).slice(0, 3).map((c, i) => {
    const at = when(c.startedAt, now, locale);
    const missed = c.direction === 'inbound' && (c.disposition === 'missed' || c.disposition === 'abandoned');
    return {
      id: c.callId ?? `${c.startedAt}#${i}`,
      time: at.short,
      date: at.full,
      icon: missed ? 'missed' : c.direction === 'internal' ? 'transfer' : c.direction,
      directionLabel: missed ? t('Missed call') : t(DIRECTION[c.direction]),
      outcome: c.outcome ?? (c.disposition ? t(OUTCOME_LABEL[c.disposition]) : ''),
      note: c.note ?? '',
    };
  });
}

/** CSS of the card's last calls (on every page; the wrap-up panel's is in wrapUpStyle.ts, with its lazy chunk). */
export const LAST_CALLS_STYLE = `
.bandeau-bar__last-calls{margin-top:3px;font-size:12px}
.bandeau-bar__last-title{color:#6b6b6b}
.bandeau-bar__last-call{display:flex;align-items:center;gap:5px;min-width:0;white-space:nowrap}
.bandeau-bar__last-time{color:#6b6b6b;flex:none}
.bandeau-bar__last-outcome{flex:none;font-weight:600}
.bandeau-bar__last-note{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;font-style:italic}
`;
