/**
 * CSS of the call controls' feedback (callControls.ts) and of the presence note (presence.ts),
 * on top of style.ts: the two legs of a consult transfer, the line saying what is on its way, a
 * refusal in words, and the controls greyed while the bar is offline.
 */
export const CONTROLS_STYLE = `
.bandeau-bar__legs{margin:4px 0;border:1px solid #c7d9ec;background:#f4f8fc;font-size:12px}
.bandeau-bar__leg{display:flex;justify-content:space-between;gap:8px;padding:3px 6px}
.bandeau-bar__leg+.bandeau-bar__leg{border-top:1px solid #dfe9f4}
.bandeau-bar__leg-who{font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;min-width:0}
.bandeau-bar__leg-state{color:#41362f;white-space:nowrap}
.bandeau-bar__leg[data-leg=held] .bandeau-bar__leg-state{color:#1979c3}
.bandeau-bar__leg[data-answered=true] .bandeau-bar__leg-state{color:#3d7a00;font-weight:600}
.bandeau-bar__pending{margin:3px 0 0;font-size:12px;color:#6b6b6b}
.bandeau-bar__call-error{margin:3px 0 0;font-size:12px;color:#e22626}
.bandeau-bar__controls[aria-busy=true]{opacity:.7}
.bandeau-bar .bandeau-bar__transfer{flex-wrap:wrap}
.bandeau-bar .bandeau-bar__transfer label{flex:1 1 40%;min-width:0}
.bandeau-bar__transfer select{width:100%;min-width:0;font-size:12px}
.bandeau-bar__presence-note{margin:0 0 6px;padding:4px 6px;font-size:12px;background:#fdf0d5;border-left:3px solid #eb5202;color:#41362f}
.bandeau-bar__presence-note[data-status=dnd]{border-left-color:#e22626}
.bandeau-bar:not([data-bandeau-state=connected]) .bandeau-bar__calls{opacity:.6}
.bandeau-bar button[data-transfer=complete]{background:#eb5202;border-color:#eb5202;color:#fff;text-shadow:1px 1px 0 rgba(0,0,0,.25)}
.bandeau-bar button[data-transfer=complete]:hover:not(:disabled){background:#ba4000;border-color:#b84002}
.bandeau-bar__call[data-call-state=transferring] .bandeau-bar__transfer,.bandeau-bar__call[data-call-state=transferring] [data-action=hold],.bandeau-bar__call[data-call-state=transferring] [data-action=keypad]{display:none}`;
