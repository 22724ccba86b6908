import { storageOf } from './storageScope';

/**
 * A picture of the phone bar: its rendered shadow root (styles, the bar, what other sections put
 * in it) written to sessionStorage on pagehide, and shown again on the tab's next page before
 * anything else of the bar exists (see firstPaint.ts for why and when).
 *
 * It sits in a closed shadow root of its own, inert: nothing can click it, and neither the page's
 * scripts nor the bar's selectors see two bars. It is rebuilt with createElement and textContent
 * (never parsed as HTML), without event-handler attributes or unsafe URLs. This module imports
 * nothing heavy: it is also the whole of the small early script (firstPaintEarly.ts).
 */

/** A node of the picture: text, or [tag, [name, value, ...], children, svg?]. */
type Snap = string | [string, string[], Snap[], 1?];
interface Picture {
  v: 1;
  at: number;
  /** The admin session it belongs to (storageScope.ts). */
  scope: string;
  nodes: Snap[];
}

/** One per tab (sessionStorage); the admin session it belongs to is written inside. */
const KEY = 'bandeau:picture';
/** Older pictures are not shown (a tab coming back to the admin after a long while). */
const MAX_AGE_MS = 120_000;
const MAX_CHARS = 400_000;
const SVG_NS = 'http://www.w3.org/2000/svg';
const BLOCKED = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'link', 'meta', 'template', 'noscript', 'portal', 'foreignobject']);
const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'srcset', 'ping']);


function snap(el: Element): Snap | null {
  const tag = el.localName;
  if (BLOCKED.has(tag)) return null;
  const attrs: string[] = [];
  for (const a of Array.from(el.attributes)) {
    if (a.name === 'data-bind' || a.name.startsWith('on')) continue;
    attrs.push(a.name, a.value);
  }
  // Form state lives in properties (knockout's value bindings), not in attributes.
  if (el instanceof HTMLInputElement && el.type !== 'password' && el.type !== 'file') {
    setAttr(attrs, 'value', el.value);
    if ((el.type === 'checkbox' || el.type === 'radio') && el.checked) setAttr(attrs, 'checked', '');
  } else if (el instanceof HTMLOptionElement && el.selected) setAttr(attrs, 'selected', '');
  const kids: Snap[] = [];
  if (el instanceof HTMLTextAreaElement) kids.push(el.value);
  else
    for (const n of Array.from(el.childNodes)) {
      if (n.nodeType === Node.TEXT_NODE) kids.push(n.nodeValue ?? '');
      else if (n.nodeType === Node.ELEMENT_NODE) {
        const s = snap(n as Element);
        if (s) kids.push(s);
      }
    }
  return el.namespaceURI === SVG_NS ? [tag, attrs, kids, 1] : [tag, attrs, kids];
}

function setAttr(attrs: string[], name: string, value: string): void {
  for (let i = 0; i < attrs.length; i += 2) {
    if (attrs[i] === name) {
      attrs[i + 1] = value;
      return;
    }
  }
  attrs.push(name, value);
}

/** Writes the bar's rendered shadow root as this tab's picture. */
export function savePicture(root: ShadowRoot, scope: string): void {
  const storage = storageOf('sessionStorage');
  if (!storage) return;
  const nodes: Snap[] = [];
  for (const n of Array.from(root.children)) {
    const s = snap(n);
    if (s) nodes.push(s);
  }
  const text = JSON.stringify({ v: 1, at: Date.now(), scope, nodes } satisfies Picture);
  try {
    if (text.length <= MAX_CHARS) storage.setItem(KEY, text);
    else storage.removeItem(KEY);
  } catch {
    // Quota or storage refused: the next page paints without a picture.
  }
}

function safeAttrUrl(name: string, value: string): boolean {
  if (name === 'srcset' || name === 'ping') return false;
  const v = value.trim();
  if (v.startsWith('#')) return true;
  if (/^https?:\/\//i.test(v)) return true;
  if (v.startsWith('/') && !v.startsWith('//')) return true;
  return name === 'src' && /^data:image\/(png|gif|jpeg|webp);/i.test(v);
}

function build(s: Snap, svg: boolean): Node | null {
  if (typeof s === 'string') return document.createTextNode(s);
  if (!Array.isArray(s) || typeof s[0] !== 'string' || !Array.isArray(s[1]) || !Array.isArray(s[2])) return null;
  const [tag, attrs, kids, ns] = s;
  const inSvg = svg || ns === 1;
  if (BLOCKED.has(tag.toLowerCase())) return null;
  let el: Element;
  try {
    el = inSvg ? document.createElementNS(SVG_NS, tag) : document.createElement(tag);
  } catch {
    return null;
  }
  for (let i = 0; i + 1 < attrs.length; i += 2) {
    const name = String(attrs[i]);
    const value = String(attrs[i + 1]);
    const lower = name.toLowerCase();
    if (lower.startsWith('on') || (URL_ATTRS.has(lower) && !safeAttrUrl(lower, value))) continue;
    try {
      el.setAttribute(name, value);
    } catch {
      // An attribute name the DOM refuses: left out.
    }
  }
  if (el instanceof HTMLTextAreaElement) {
    el.value = typeof kids[0] === 'string' ? kids[0] : '';
    return el;
  }
  if (el instanceof HTMLStyleElement) {
    el.textContent = kids.filter((k): k is string => typeof k === 'string').join('');
    return el;
  }
  for (const k of kids) {
    const child = build(k, inSvg && tag !== 'foreignObject');
    if (child) el.appendChild(child);
  }
  return el;
}

function readPicture(): Picture | null {
  const storage = storageOf('sessionStorage');
  let text: string | null = null;
  try {
    text = storage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
  if (!text) return null;
  try {
    const p = JSON.parse(text) as Picture;
    if (p?.v !== 1 || !Array.isArray(p.nodes) || typeof p.at !== 'number' || typeof p.scope !== 'string') return null;
    const age = Date.now() - p.at;
    return age >= 0 && age <= MAX_AGE_MS ? p : null;
  } catch {
    return null;
  }
}

/**
 * Shows this tab's last picture, or nothing when there is none. It can be shown before the
 * page's body exists (from the early script in the head): it is then a child of <html> ahead of
 * <body>, and, being fixed-positioned with its own styles, looks the same. Which admin session it
 * belongs to is only known once the bar's root element (and its config) is parsed: checkScope()
 * removes it then if it is another session's.
 */
export function showPicture(): HTMLElement | null {
  const picture = readPicture();
  if (!picture) return null;
  const frame = document.createElement('div');
  frame.setAttribute('data-bandeau-picture', picture.scope);
  frame.inert = true;
  frame.setAttribute('aria-hidden', 'true');
  const root = frame.attachShadow({ mode: 'closed' });
  for (const s of picture.nodes) {
    const n = build(s, false);
    if (n) root.appendChild(n);
  }
  (document.body ?? document.documentElement).appendChild(frame);
  return frame;
}

/** The picture shown on this page (by the early script or the bundle), if any. */
export function shownPicture(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-bandeau-picture]');
}

/**
 * Keeps the shown picture only if it belongs to the admin session `scope` (null: this page has no
 * bar, e.g. the login page): otherwise removes it and forgets it, so another user logging in
 * in the same tab never sees it again. Returns the picture kept.
 */
export function checkScope(scope: string | null): HTMLElement | null {
  const frame = shownPicture();
  if (frame && scope !== null && frame.getAttribute('data-bandeau-picture') === scope) return frame;
  frame?.remove();
  const stored = readPicture();
  if (stored && stored.scope !== scope) forgetPicture();
  return null;
}

export function forgetPicture(): void {
  try {
    storageOf('sessionStorage')?.removeItem(KEY);
  } catch {
    // Storage refused: nothing was kept either.
  }
}
