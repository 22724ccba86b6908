/**
 * The bar's CSS, inside its shadow root; colours follow the Magento admin palette. Form controls
 * get explicit colours: on the dark head a control that inherited its text colour was white on
 * light grey, and the light scheme keeps a dark-mode browser from painting them dark.
 */
export const BAR_STYLE = `
.bandeau-bar{position:fixed;right:16px;bottom:0;z-index:1000;width:340px;max-height:80vh;overflow:auto;background:#fff;border:1px solid #adadad;border-bottom:0;border-radius:4px 4px 0 0;box-shadow:0 0 8px rgba(0,0,0,.2);font:13px/1.4 'Open Sans','Helvetica Neue',Arial,sans-serif;color:#303030;color-scheme:light}
.bandeau-bar__head{display:flex;flex-wrap:wrap;gap:6px;align-items:center;padding:6px 10px;background:#514943;color:#fff}
.bandeau-bar__toggle{background:none;border:0;color:inherit;font-weight:600;cursor:pointer;padding:0}
.bandeau-bar__badge{display:inline-block;min-width:16px;padding:0 4px;border-radius:8px;background:#e22626;color:#fff;font-size:11px;text-align:center}
.bandeau-bar__presence select{font-size:12px;color:#303030;background:#fff;border:1px solid #adadad;border-radius:2px;padding:1px 4px}
.bandeau-bar__presence option{color:#303030;background:#fff}
.bandeau-bar select:focus-visible,.bandeau-bar textarea:focus-visible{outline:2px solid #007bdb;outline-offset:1px}
.bandeau-bar__sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.bandeau-bar__body{padding:8px 10px}
.bandeau-bar__calls{list-style:none;margin:0;padding:0}
.bandeau-bar__call{border-bottom:1px solid #e3e3e3;padding:6px 0}
.bandeau-bar__call[data-call-state=ringing]{background:#fffbbb}
.bandeau-bar__call[data-call-state=held],.bandeau-bar__call[data-call-state=parked],.bandeau-bar__call[data-call-state=transferring]{background:#e8f1fa}
.bandeau-bar__call-head{display:flex;gap:8px;justify-content:space-between;font-weight:600}
.bandeau-bar__call-state,.bandeau-bar__call-timer{white-space:nowrap}
.bandeau-bar button:disabled,.bandeau-bar input:disabled{cursor:default;opacity:.45}
.bandeau-bar__card{margin:4px 0;padding:6px;background:#f8f8f8;border-left:3px solid #eb5202}
.bandeau-bar__card-name{font-weight:600}
.bandeau-bar__orders{margin:4px 0;padding-left:16px}
.bandeau-bar__controls,.bandeau-bar__card-actions{display:flex;flex-wrap:wrap;gap:4px;margin-top:4px}
.bandeau-bar button{cursor:pointer}
.bandeau-bar button:focus-visible,.bandeau-bar a:focus-visible,.bandeau-bar input:focus-visible{outline:2px solid #007bdb;outline-offset:1px}
.bandeau-bar__keypad{display:grid;grid-template-columns:repeat(3,1fr);gap:2px;margin-top:4px}
.bandeau-bar__dial{margin-top:8px}
.bandeau-bar__dial input,.bandeau-bar__transfer input{width:140px}
.bandeau-bar__recent-call--missed{color:#e22626}
.bandeau-bar__problem,.bandeau-bar__notice{color:#e22626;margin:0 0 6px}
.bandeau-bar[data-bandeau-state=connected] .bandeau-bar__status::before{content:'● ';color:#79a22e}
.bandeau-bar[data-bandeau-state=offline] .bandeau-bar__status::before{content:'● ';color:#e22626}
.bandeau-bar[data-bandeau-state=connecting] .bandeau-bar__status::before{content:'● ';color:#eb5202}`;
