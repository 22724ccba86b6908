/**
 * CSS of the wrap-up panel, inside the bar's shadow root after style.ts (only wrapUpPanel.ts
 * imports it, so it comes with the panel's lazy chunk): Magento's admin look, success in its
 * green (#79a22e on #e5efe5), errors in its red. The status lines take no room while empty but stay in the page, so screen readers hear them.
 */
export const WRAP_UP_STYLE = `
.bandeau-wrapup{margin:6px -10px 0;padding:6px 10px 8px;background:#f8f8f8;border-top:1px solid #e3e3e3;border-bottom:1px solid #e3e3e3;box-shadow:inset 3px 0 #514943}
.bandeau-wrapup__head{display:flex;align-items:baseline;gap:8px;font-weight:600}
.bandeau-wrapup__label{flex:none;font-size:11px;font-weight:600;text-transform:uppercase;color:#6b6b6b}
.bandeau-wrapup__who{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bandeau-wrapup__when{font-size:12px;font-weight:400;color:#6b6b6b;white-space:nowrap}
[data-compact=true].bandeau-wrapup{display:flex;align-items:center;gap:6px;padding:4px 10px}
[data-compact=true] .bandeau-wrapup__head{flex:1;min-width:0;font-size:12px}
[data-compact=true] .bandeau-wrapup__when{display:none}
[data-compact=true] [data-action=wrapup-continue]{padding:2px 8px}
.bandeau-wrapup__form{display:grid;grid-template-columns:1fr 1fr;gap:6px 8px;margin-top:6px}
.bandeau-wrapup__field{display:flex;flex-direction:column;gap:2px;font-size:12px;color:#514943;min-width:0}
.bandeau-wrapup__field select,.bandeau-wrapup__field input{width:100%}
.bandeau-wrapup__tags{grid-column:1/-1;display:flex;flex-wrap:wrap;gap:4px;margin:0;padding:0;border:0;min-width:0}
.bandeau-wrapup__tags legend{float:left;margin-right:4px;padding:0;font-size:12px;color:#514943;line-height:22px}
.bandeau-wrapup__tag{display:inline-flex;align-items:center;gap:3px;padding:1px 7px 1px 4px;border:1px solid #adadad;border-radius:11px;background:#fff;font-size:12px;cursor:pointer}
.bandeau-wrapup__tag input{margin:0}
.bandeau-wrapup__tag:has(input:checked){background:#e8f1fa;border-color:#007bdb}
.bandeau-wrapup__note{grid-column:1/-1;display:flex}
.bandeau-wrapup__note textarea{width:100%;resize:vertical;min-height:38px}
.bandeau-wrapup__actions{grid-column:1/-1;display:flex;align-items:center;gap:6px}
.bandeau-wrapup__more{margin-left:auto;font-size:12px;color:#6b6b6b}
.bandeau-wrapup__saved,.bandeau-wrapup__error{margin:0;font-size:12px}
.bandeau-wrapup__saved:not(:empty),.bandeau-wrapup__error:not(:empty){margin:6px 0 0;padding:4px 8px}
.bandeau-wrapup__saved:not(:empty){border-left:3px solid #79a22e;background:#e5efe5;color:#185b00}
.bandeau-wrapup__error:not(:empty){border-left:3px solid #e22626;background:#fae5e5;color:#303030}
`;

