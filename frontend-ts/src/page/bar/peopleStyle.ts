/**
 * CSS of the dial box's refusals and search results, and of the recent calls' rows, on top of
 * style.ts. A recent call is two lines: direction icon, who, when; then the number beside a name,
 * the talk time first (it never hides behind an ellipsis), the number beside a name, the outcome, and the actions;
 * for a routed call, a third line says why it came (cut short).
 */
export const PEOPLE_STYLE = `
.bandeau-bar__dial>p,.bandeau-bar__dial>ul{flex:1 1 100%;margin:0;font-size:12px}
.bandeau-bar__dial-error{color:#e22626}
.bandeau-bar__dial-hint,.bandeau-bar__result-detail,.bandeau-bar__recent-time,.bandeau-bar__recent-meta,.bandeau-bar__recent-dir{color:#6b6b6b}
.bandeau-bar__results{list-style:none;padding:0;border:1px solid #e3e3e3;max-height:200px;overflow:auto}
.bandeau-bar__result{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:2px 6px;padding:4px 6px;border-top:1px solid #f0f0f0}
.bandeau-bar__result:first-child{border-top:0}
.bandeau-bar__result-who{display:flex;flex-direction:column;min-width:0;flex:1 1 120px}
.bandeau-bar__result-name,.bandeau-bar__recent-who{font-weight:600}
.bandeau-bar__result-name,.bandeau-bar__result-detail,.bandeau-bar__recent-who,.bandeau-bar__recent-meta{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bandeau-bar__result-phones{display:flex;flex-wrap:wrap;gap:4px}
.bandeau-bar__result-phones button,.bandeau-bar__recent-time,.bandeau-bar__recent-duration{font-variant-numeric:tabular-nums}
.bandeau-bar__recent-filter{display:inline-flex;align-items:center;gap:4px;margin:4px 0;font-size:12px}
.bandeau-bar__recent-call{display:grid;grid-template-columns:16px minmax(0,1fr) auto;gap:1px 6px}
.bandeau-bar__recent-dir,.bandeau-bar__recent-who,.bandeau-bar__recent-time{grid-row:1}
.bandeau-bar__recent-meta,.bandeau-bar__recent-actions{grid-row:2;grid-column:2}
.bandeau-bar__recent-actions{grid-column:3;display:flex;gap:4px;justify-self:end}
.bandeau-bar__recent-route{grid-row:3;grid-column:2/-1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-size:11px;color:#514943}
.bandeau-bar__recent-time{justify-self:end;white-space:nowrap}
.bandeau-bar__recent-call--missed .bandeau-bar__recent-dir,.bandeau-bar__recent-call--missed .bandeau-bar__recent-who{color:#e22626}
.bandeau-bar__recent-duration::after{content:' · '}
.bandeau-bar__recent-call>form{grid-column:1/-1}
.bandeau-bar__recent-actions [data-action=call-back]{padding:2px 6px}
.bandeau-bar__recent-actions [data-action=call-back]::before{margin:0}`;
