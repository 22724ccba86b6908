import { farNumber, type ViewState } from '../../../bridge/src/protocol/messages';
import { storageOf } from './storageScope';

/**
 * First paint of a new admin page without a "Connecting… / No current call" frame.
 *
 * On pagehide the bar's rendered DOM (its shadow root: styles, the bar, what other sections put
 * in it) is written to sessionStorage as a picture. The next page of the tab shows that picture
 * as soon as its bundle runs, before knockout is loaded and before the session has answered, so
 * the first frame already shows the calls the agent had. The real bar mounts out of sight and
 * takes the picture's place in the same task once it renders a settled state: at once when the
 * SharedWorker is alive (Chromium), after the bridge's snapshot when the worker started again
 * (Firefox ends it on every load). Why a picture and not the last ViewState rendered by the bar:
 * the picture can be shown before knockout (loaded through RequireJS) is there, which is the
 * longest part of the wait.
 *
 * The picture sits in a closed shadow root of its own, inert: nothing can click it, and neither
 * the page's scripts nor the bar's selectors see two bars. It is rebuilt with createElement and
 * textContent (never parsed as HTML), without event-handler attributes or unsafe URLs.
 */

/** A node of the picture: text, or [tag, [name, value, ...], children, svg?]. */
type Snap = string | [string, string[], Snap[], 1?];
interface Picture {
  v: 1;
  at: number;
  nodes: Snap[];
}

const KEY_PREFIX = 'bandeau:picture:';
/** Older pictures are not shown (a tab coming back to the admin after a long while). */
const MAX_AGE_MS = 120_000;
const MAX_CHARS = 400_000;
/** The real bar is shown after this long even if the session has not settled. */
const HOLD_WITH_PICTURE_MS = 5_000;
const HOLD_WITHOUT_PICTURE_MS = 1_000;
const SVG_NS = 'http://www.w3.org/2000/svg';
const BLOCKED = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'link', 'meta', 'template', 'noscript', 'portal', 'foreignobject']);
const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'srcset', 'ping']);

export function pictureKey(scope: string): string {
  return KEY_PREFIX + scope;
}
export const PICTURE_PREFIX = KEY_PREFIX;

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
  const text = JSON.stringify({ v: 1, at: Date.now(), nodes } satisfies Picture);
  try {
    if (text.length <= MAX_CHARS) storage.setItem(pictureKey(scope), text);
    else storage.removeItem(pictureKey(scope));
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

function readPicture(scope: string): Picture | null {
  const storage = storageOf('sessionStorage');
  let text: string | null = null;
  try {
    text = storage?.getItem(pictureKey(scope)) ?? null;
  } catch {
    return null;
  }
  if (!text) return null;
  try {
    const p = JSON.parse(text) as Picture;
    if (p?.v !== 1 || !Array.isArray(p.nodes) || typeof p.at !== 'number') return null;
    const age = Date.now() - p.at;
    return age >= 0 && age <= MAX_AGE_MS ? p : null;
  } catch {
    return null;
  }
}

/**
 * Shows this tab's picture beside `host` (the bar's own root), or nothing when there is none.
 * Returns the picture's host element.
 */
export function showPicture(host: HTMLElement, scope: string): HTMLElement | null {
  const picture = readPicture(scope);
  if (!picture) return null;
  const frame = document.createElement('div');
  frame.setAttribute('data-bandeau-picture', '');
  frame.inert = true;
  frame.setAttribute('aria-hidden', 'true');
  const root = frame.attachShadow({ mode: 'closed' });
  for (const s of picture.nodes) {
    const n = build(s, false);
    if (n) root.appendChild(n);
  }
  host.after(frame);
  return frame;
}

/**
 * A state worth replacing the picture with: the bridge's snapshot (connected) with every live
 * call's caller lookup answered, or an offline session (the truth, whatever it is).
 */
export function settled(state: ViewState): boolean {
  if (state.connection === 'offline') return true;
  if (state.connection !== 'connected') return false;
  return state.calls.every((c) => {
    const n = farNumber(c);
    return !n || (state.lookups[n] !== undefined && state.lookups[n]?.status !== 'pending');
  });
}

export interface FirstPaintInfo {
  /** 'picture': this page first showed the last picture; 'none': there was none; 'off': restore disabled. */
  restored: 'picture' | 'none' | 'off';
  /** Milliseconds from the bundle's start to the real bar being shown (null while held). */
  shownAfterMs: number | null;
  /** Why the real bar was shown: its state settled, the first state (no picture), or the hold timed out. */
  shownBecause: 'settled' | 'first-state' | 'timeout' | 'not-held' | null;
}

/**
 * Holds the real bar out of sight behind the picture until it has a state to show, then swaps
 * them in one task (no frame shows neither or both).
 */
export class FirstPaintRestore {
  private readonly picture: HTMLElement | null;
  private held: HTMLElement | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly startedAt = performance.now();
  readonly info: FirstPaintInfo;

  constructor(
    private readonly host: HTMLElement,
    private readonly scope: string,
    private readonly enabled: boolean,
  ) {
    this.picture = enabled ? showPicture(host, scope) : null;
    this.info = { restored: !enabled ? 'off' : this.picture ? 'picture' : 'none', shownAfterMs: null, shownBecause: null };
    if (enabled) {
      // Only a bar that was shown is written: a page left while still restoring keeps the picture it had.
      addEventListener('pagehide', () => {
        if (!this.held && this.host.shadowRoot) savePicture(this.host.shadowRoot, this.scope);
      });
    }
  }

  /** The real bar is mounted: keep it hidden until it renders a state worth showing. */
  hold(bar: HTMLElement): void {
    if (!this.enabled) {
      this.info.shownBecause = 'not-held';
      this.info.shownAfterMs = performance.now() - this.startedAt;
      return;
    }
    this.held = bar;
    bar.style.setProperty('display', 'none');
    this.timer = setTimeout(() => this.release('timeout'), this.picture ? HOLD_WITH_PICTURE_MS : HOLD_WITHOUT_PICTURE_MS);
  }

  /** The bar has just rendered `state`. */
  rendered(state: ViewState): void {
    if (!this.held) return;
    if (!this.picture) this.release('first-state');
    else if (settled(state)) this.release('settled');
  }

  private release(why: NonNullable<FirstPaintInfo['shownBecause']>): void {
    const bar = this.held;
    if (!bar) return;
    this.held = null;
    clearTimeout(this.timer);
    bar.style.removeProperty('display');
    this.picture?.remove();
    this.info.shownBecause = why;
    this.info.shownAfterMs = performance.now() - this.startedAt;
  }
}
