import { iconStyle } from './icons';

/**
 * The bar's CSS, inside its shadow root, where the admin's own styles do not reach (and where
 * these bare element selectors reach nothing of the admin): so it carries the Magento admin look
 * itself (Open Sans, #514943 heads, square grey buttons with #eb5202 primary and #514943
 * secondary, #007bdb links, #e22626 for danger). Buttons of every section get their look from
 * their `data-action`, so sections need no style of their own.
 *
 * Size: the head stays in view while the body scrolls; the bar never reaches the top 240 px of
 * the window, where Magento's page title and page-actions toolbar live. Form controls get
 * explicit colours: on the dark head a control that inherited its text colour was white on light
 * grey, and the light scheme keeps a dark-mode browser from painting them dark. Not printed: fixed
 * at the bottom right, it would cover the printed page's content (the call analytics tables).
 */
const DANGER = '[data-action=hangup],[data-action=decline],[data-action=sp-hangup],[data-action=sp-decline],.bandeau-btn--danger';
const PRIMARY = '.action-primary,[data-action=dial],[data-action=save-note]';
const ANSWER = '[data-action=answer],[data-action=sp-answer]';

export const BAR_STYLE = `
.bandeau-bar{position:fixed;right:16px;bottom:0;z-index:1000;display:flex;flex-direction:column;width:352px;max-height:min(640px,calc(100vh - 240px));background:#fff;border:1px solid #adadad;border-bottom:0;box-shadow:0 0 12px rgba(0,0,0,.25);font:13px/1.36 'Open Sans','Helvetica Neue',Helvetica,Arial,sans-serif;color:#303030;color-scheme:light;text-align:left}
[data-bandeau-dock=left]{right:auto;left:104px}
*{box-sizing:border-box}
a{color:#007bdb;text-decoration:none}
a:hover{text-decoration:underline}
p{margin:3px 0}
ul{list-style:none;margin:0;padding:0}
summary{cursor:pointer;font-weight:600;padding:3px 0}
button{font-family:inherit;font-size:12px;font-weight:600;line-height:1.3;padding:3px 9px;border:1px solid #adadad;border-radius:0;background:#e3e3e3;color:#514943;cursor:pointer;display:inline-flex;align-items:center;justify-content:center;white-space:nowrap}
button:hover{filter:brightness(.93)}
button:active{box-shadow:inset 0 2px 1px rgba(0,0,0,.12)}
${PRIMARY}{background:#eb5202;border-color:#eb5202;color:#fff;text-shadow:1px 1px 0 rgba(0,0,0,.25)}
.action-secondary{background:#514943;border-color:#514943;color:#fff}
${DANGER}{background:#e22626;border-color:#e22626;color:#fff}
${ANSWER}{background:#79a22e;border-color:#79a22e;color:#fff}
:disabled{cursor:default;opacity:.45;pointer-events:none}
input,textarea,select{font-family:inherit;font-size:12px;color:#303030;background:#fff;border:1px solid #adadad;border-radius:1px;padding:4px 6px;min-width:0}
option{color:#303030;background:#fff}
input:focus,textarea:focus,select:focus{border-color:#007bdb;outline:0}
:focus-visible{outline:2px solid #007bdb;outline-offset:1px}
.bandeau-bar__head{flex:none;display:flex;align-items:center;gap:6px;min-height:34px;padding:3px 6px 3px 10px;background:#514943;color:#fff}
.bandeau-bar__head :focus-visible{outline-color:#fff}
.bandeau-bar__toggle,.bandeau-bar__icon-btn{background:none;border:0;color:#fff;font-size:14px;padding:2px 0;gap:5px}
.bandeau-bar__icon-btn{width:26px;height:26px}
.bandeau-bar__icon-btn:hover,.bandeau-bar__icon-btn[aria-expanded=true]{background:rgba(255,255,255,.18);filter:none}
.bandeau-bar__status{font-size:12px;white-space:nowrap}
[data-bandeau-state=connected] .bandeau-bar__status{font-size:0}
.bandeau-bar__status::before{content:'●';font-size:12px;margin-right:3px;color:#eb5202}
[data-bandeau-state=connected] .bandeau-bar__status::before{color:#79a22e}
[data-bandeau-state=offline] .bandeau-bar__status::before{color:#e22626}
.bandeau-bar__agent,.bandeau-strip__caller,.bandeau-bar__call-label,.bandeau-bar__card-meta{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bandeau-bar__agent{font-size:12px;color:#e3e3e3}
.bandeau-bar__presence select{max-width:110px;padding:2px}
.bandeau-bar__badge{min-width:17px;padding:0 5px;border-radius:9px;background:#e22626;color:#fff;font-size:11px;line-height:17px;text-align:center}
.bandeau-bar__sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.bandeau-bar__body{flex:1 1 auto;min-height:0;overflow:auto;padding:6px 10px 8px}
.bandeau-strip__call{display:flex;align-items:center;gap:6px;min-height:36px;padding:3px 6px 3px 10px;border-top:1px solid #e3e3e3}
.bandeau-strip__caller{font-weight:600}
.bandeau-strip__call{flex-wrap:wrap}
/* Why the call rings here: a line of its own under the caller, cut short rather than wrapped. */
.bandeau-strip__route{order:9;flex:1 1 100%;min-width:0;margin:-3px 0 3px 22px;font-size:12px;color:#514943;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bandeau-bar__route{margin:2px 0 0;font-size:12px;color:#514943}
.bandeau-strip__state,.bandeau-bar__call-state{font-size:12px;font-weight:400;color:#6b6b6b;white-space:nowrap}
.bandeau-strip__timer,.bandeau-bar__call-timer{font-size:12px;font-variant-numeric:tabular-nums}
.bandeau-strip button,.bandeau-bar__recent-call button{padding:2px 8px}
[data-ringing=true],[data-call-state=ringing]{background:#fffbbb;box-shadow:inset 3px 0 #eb5202}
@media (prefers-reduced-motion:no-preference){[data-ringing=true] .bandeau-i{animation:bandeau-ring .5s infinite alternate}}
@keyframes bandeau-ring{from{transform:rotate(-12deg)}to{transform:rotate(12deg)}}
.bandeau-settings{margin:-6px -10px 6px;padding:6px 10px;background:#f8f8f8;border-bottom:1px solid #e3e3e3;font-size:12px}
.bandeau-settings label{display:flex;align-items:center;gap:6px}
.bandeau-settings__hint{color:#e22626}
.bandeau-settings__title{font-weight:600}
.bandeau-keys{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:0}
dd{margin:0}
kbd{font-family:inherit;font-size:11px;padding:0 4px;border:1px solid #adadad;border-bottom-width:2px;background:#fff}
.bandeau-bar__problem,.bandeau-bar__notice{margin:0 0 6px;padding:4px 8px;border-left:3px solid #e22626;background:#fae5e5}
.bandeau-bar__notice{border-color:#eb5202;background:#fffbbb}
.bandeau-bar__calls{margin:0 -10px}
.bandeau-bar__call{padding:5px 10px;border-bottom:1px solid #e3e3e3}
/* While it rings only Decline (and Answer) can be used: the call's other controls wait for the answer. */
[data-call-state=ringing] :is(.bandeau-bar__transfer,[data-action=hold],[data-action=keypad]){display:none}
[data-call-state=held],[data-call-state=parked],[data-call-state=transferring]{background:#e8f1fa}
.bandeau-bar__call-head{display:flex;gap:8px;align-items:baseline;font-weight:600}
[data-answered-elsewhere=true]{padding:3px 10px;background:none;box-shadow:none;color:#6b6b6b;font-size:12px}
[data-answered-elsewhere=true] .bandeau-bar__call-head{font-weight:400}
[data-answered-elsewhere=true] .bandeau-bar__call-state{overflow:hidden;text-overflow:ellipsis;max-width:45%}
[data-answered-elsewhere=true] .bandeau-bar__lookup,.bandeau-bar__orders li+li+li{display:none}
.bandeau-bar__lookup{font-size:12px}
.bandeau-bar__card{margin-top:4px;padding:4px 8px;background:#f8f8f8;border-left:3px solid #eb5202}
.bandeau-bar__card-name{font-size:13px;font-weight:600}
.bandeau-bar__card-meta,.bandeau-bar__card-cart{display:block;color:#6b6b6b}
.bandeau-bar__choice{width:100%;justify-content:flex-start;gap:6px;margin:1px 0}
.bandeau-bar__controls,.bandeau-bar__card-actions,.bandeau-bar__dial,.bandeau-bar__transfer,.bandeau-bar__recent-call{display:flex;flex-wrap:wrap;align-items:center;gap:4px}
.bandeau-bar__controls{margin-top:4px}
.bandeau-bar__card-actions{gap:2px 12px}
.bandeau-bar__transfer,.bandeau-bar__keypad,.bandeau-bar__dial details,.bandeau-bar__note{flex:1 1 100%}
/* Target, Transfer and Consult transfer on one line (more specific than controlsStyle's 40% basis); a colleague list wraps. */
.bandeau-bar form.bandeau-bar__transfer label{flex:1 1 80px}
.bandeau-bar__transfer button{padding:3px 6px}
.bandeau-bar__transfer label,.bandeau-bar__dial label{flex:1;min-width:0;display:flex}
.bandeau-bar__transfer input,.bandeau-bar__dial input{width:100%}
.bandeau-bar__keypad{display:grid;grid-template-columns:repeat(3,1fr);gap:3px;margin-top:4px}
.bandeau-bar__dial,.bandeau-bar__recent{margin-top:8px}
.bandeau-bar__recent-call{gap:4px 6px;padding:3px 0;border-bottom:1px solid #f0f0f0;font-size:12px}
.bandeau-bar__recent-call--missed{color:#e22626}
.bandeau-bar__note{display:flex;flex-direction:column;gap:4px}
@media print{.bandeau-bar{display:none}}
${iconStyle()}`;
