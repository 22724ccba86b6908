/**
 * The call the campaign panel dialled and will record an outcome for: it gets no wrap-up of its
 * own. Apart from campaignPanel.ts because the bar asks on every page and the panel is a lazy
 * chunk (lazyParts.ts).
 */
export const CALL_KEY = 'bandeau.campaign.callId';

/** The call the campaign panel dialled and will record an outcome for (not offered a wrap-up). */
export function isCampaignCall(callId: string): boolean {
  try {
    return sessionStorage.getItem(CALL_KEY) === callId;
  } catch {
    return false;
  }
}
