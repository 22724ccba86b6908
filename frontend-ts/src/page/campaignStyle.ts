/**
 * CSS of the campaign panel, inside the bar's shadow root (Magento's admin look, as style.ts):
 * the day's counters in one small block, success in green, failures in red, the contact's
 * actions in a row and the outcome form under them.
 */
export const CAMPAIGN_STYLE = `
.bandeau-campaign{margin-top:8px}
.bandeau-campaign__badge{font-size:12px;font-weight:400;color:#6b6b6b}
.bandeau-campaign__today{margin:2px 0 4px;padding:3px 8px;background:#f8f8f8;border-left:3px solid #514943;font-size:12px}
.bandeau-campaign__results{display:flex;flex-wrap:wrap;gap:2px 10px;color:#514943}
.bandeau-campaign__message,.bandeau-campaign__error{margin:0;font-size:12px}
.bandeau-campaign__message:not(:empty),.bandeau-campaign__error:not(:empty){margin:4px 0;padding:4px 8px}
.bandeau-campaign__message:not(:empty){border-left:3px solid #79a22e;background:#e5efe5;color:#185b00}
.bandeau-campaign__error:not(:empty){border-left:3px solid #e22626;background:#fae5e5}
.bandeau-campaign__contact{display:flex;flex-direction:column;gap:3px;margin-top:4px}
.bandeau-campaign__name-row{display:flex;justify-content:space-between;gap:6px;font-size:12px;color:#6b6b6b}
.bandeau-campaign__name{font-weight:600}
.bandeau-campaign__phone,.bandeau-campaign__cart,.bandeau-campaign__total,.bandeau-campaign__last-note{font-size:12px}
.bandeau-campaign__last-note{font-style:italic;color:#514943}
.bandeau-campaign__actions,.bandeau-campaign__defer-actions{display:flex;flex-wrap:wrap;gap:4px;margin-top:2px}
.bandeau-campaign__live{margin:0;font-size:12px;color:#007bdb}
.bandeau-campaign__defer,.bandeau-campaign__outcome{display:flex;flex-direction:column;gap:4px;margin-top:4px;padding-top:4px;border-top:1px solid #e3e3e3}
.bandeau-campaign__defer label,.bandeau-campaign__outcome label{display:flex;flex-direction:column;gap:2px;font-size:12px;color:#514943}
.bandeau-campaign__outcome textarea{resize:vertical;min-height:38px}
.bandeau-campaign__outcome [data-action=campaign-save]{align-self:flex-start}
`;
