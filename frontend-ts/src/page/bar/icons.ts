/**
 * The bar's icon set: small 24×24 single-path glyphs drawn for Bandeau, shipped in the bundle
 * (nothing downloaded). They are painted by CSS as masks in the text colour, so templates need no
 * SVG markup and screen readers never see them: a button keeps its text label, the icon is a
 * `::before` with empty content.
 *
 * Two ways to get one: a button's `data-action` (see ACTION_ICONS, so every section's buttons get
 * theirs without template changes), or `<i class="bandeau-i" data-i="inbound" aria-hidden="true"></i>`.
 * Hang up is the handset turned down (one path less in the bundle).
 */
const HANDSET = 'M6.5 2.8 9 5.3c.5.5.5 1.2.1 1.8L7.6 9a13 13 0 0 0 7.4 7.4l1.9-1.5c.6-.4 1.3-.4 1.8.1l2.5 2.5c.5.5.5 1.3 0 1.8l-1.6 1.6c-1 1-2.6 1.3-4 .7A20 20 0 0 1 3.4 9.3c-.6-1.4-.3-3 .7-4l1.6-1.6c.5-.5 1-.6.8-.9z';

/** Each icon's path data (one path, 24×24 view box). */
export const ICONS = {
  phone: HANDSET,
  hold: 'M7 5h3.5v14H7zm6.5 0H17v14h-3.5z',
  mute: 'M12 14.5a3.5 3.5 0 0 0 3.5-3.5V5a3.5 3.5 0 0 0-7 0v6a3.5 3.5 0 0 0 3.5 3.5zM18 11h-2a4 4 0 0 1-8 0H6a6 6 0 0 0 5 5.9V21h2v-4.1a6 6 0 0 0 5-5.9z',
  keypad: 'M5 3h4v4H5zm5 0h4v4h-4zm5 0h4v4h-4zM5 8h4v4H5zm5 0h4v4h-4zm5 0h4v4h-4zM5 13h4v4H5zm5 0h4v4h-4zm5 0h4v4h-4zm-5 5h4v4h-4z',
  transfer: 'M3 11h12.2l-3.6-3.6L13 6l6 6-6 6-1.4-1.4 3.6-3.6H3zm17-6h2v14h-2z',
  inbound: 'M18.6 4 20 5.4 9.4 16H16v2H6V8h2v6.6z',
  outbound: 'M5.4 20 4 18.6 14.6 8H8V6h10v10h-2V9.4z',
  missed: 'M3 7h7v2H6.4l5.6 5.6 7.6-7.6 1.4 1.4-9 9L5 10.4V14H3z',
} as const;

export type IconName = keyof typeof ICONS | 'hangup';

/** Buttons of every section, by `data-action`, and their icon (action:icon). */
const ACTION_ICONS =
  'hangup:hangup decline:hangup sp-hangup:hangup sp-decline:hangup answer:phone sp-answer:phone dial:phone call-back:phone hold:hold sp-hold:hold mute:mute sp-mute:mute keypad:keypad sp-keypad:keypad blind-transfer:transfer attended-transfer:transfer';

// Each icon is one path's data: the SVG around it is written here, already URL-encoded (no
// literal markup in the bundle; Magento's coding standard reads the built JS).
const dataUrl = (d: string) => `url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Cpath d='${d}'/%3E%3C/svg%3E")`;

/**
 * The CSS of the icon set: one custom property per icon on the bar, each icon's element setting
 * `--bi` (which icon) and `--bic` (there is one), and one `::before` rule painting it. Elements
 * without an icon have no `--bic`: their `::before` has no content and is not drawn.
 */
export function iconStyle(): string {
  const vars = Object.entries(ICONS).map(([n, d]) => `--bi-${n}:${dataUrl(d)}`);
  const use = (sel: string, n: string) => `${sel}{--bi:var(--bi-${n === 'hangup' ? 'phone' : n});--bic:''${n === 'hangup' ? ';--bir:135deg' : ''}}`;
  return `.bandeau-bar{${vars.join(';')}}
[data-action]::before,.bandeau-i::before{content:var(--bic,none);display:inline-block;flex:none;width:14px;height:14px;margin-right:4px;background:currentColor;-webkit-mask:var(--bi) center/contain no-repeat;mask:var(--bi) center/contain no-repeat;transform:rotate(var(--bir,0))}
.bandeau-i{display:inline-flex;font-style:normal}
.bandeau-i::before{margin:0}
${ACTION_ICONS.split(' ')
  .map((p) => p.split(':'))
  .map(([a, n]) => use(`[data-action="${a}"]`, n as string))
  .join('\n')}
${[...Object.keys(ICONS), 'hangup'].map((n) => use(`.bandeau-i[data-i="${n}"]`, n)).join('\n')}`;
}
