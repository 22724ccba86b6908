/**
 * Samples what the phone bar shows on every frame a page renders, from the very first one: an
 * init script (Playwright's addInitScript, Puppeteer's evaluateOnNewDocument) installed before
 * any page script runs, reading the DOM in requestAnimationFrame callbacks (which run right
 * before each frame is painted). It also wraps attachShadow to see into closed shadow roots,
 * where the bar's first-paint picture lives (frontend-ts/src/page/firstPaint.ts).
 *
 * Each sample says which bar was visible (the real bar, the picture, none), its state attribute,
 * its status text and the calls listed. Frames before the page's first paint were never shown and
 * are dropped (see `shownFrames`).
 */
export interface FrameSample {
  /** performance.now() of the rAF callback (the frame's time). */
  t: number;
  /**
   * 'bar': the real bar visible; 'picture': the restored picture; 'none': no bar visible;
   * 'no-host': the page is not parsed as far as the bar's root element yet.
   */
  shows: 'bar' | 'picture' | 'none' | 'no-host';
  /** data-bandeau-state of what is shown. */
  state: string | null;
  status: string;
  /** Calls listed, as id:state. */
  calls: string[];
  /** The bar is collapsed (its body hidden). */
  collapsed: boolean;
}

export interface PageFrames {
  url: string;
  samples: FrameSample[];
  /** performance.now() of the first paint (first-paint or first-contentful-paint), null when unknown. */
  firstPaint: number | null;
}

/** The init script (a string: it runs in the page, in Chromium and Firefox alike). */
export const FRAME_SAMPLER = `(() => {
  if (window.__bandeauFrames) return;
  const samples = [];
  window.__bandeauFrames = samples;
  const roots = new WeakMap();
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    roots.set(this, root);
    return root;
  };
  const rootOf = (el) => el && (el.shadowRoot || roots.get(el) || null);
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  function read(root, shows) {
    const bar = root && root.querySelector('[data-bandeau-bar]');
    if (!bar || !visible(bar)) return null;
    const calls = [];
    for (const li of bar.querySelectorAll('.bandeau-bar__call[data-call-id]')) {
      if (visible(li)) calls.push(li.getAttribute('data-call-id') + ':' + li.getAttribute('data-call-state'));
    }
    const status = bar.querySelector('.bandeau-bar__status');
    const body = bar.querySelector('.bandeau-bar__body');
    return { shows, state: bar.getAttribute('data-bandeau-state'), status: status ? status.textContent : '', calls, collapsed: !!body && !visible(body) };
  }
  function sample(t) {
    const host = document.getElementById('bandeau-cti-root');
    const picture = document.querySelector('[data-bandeau-picture]');
    const s = read(rootOf(host), 'bar') || read(rootOf(picture), 'picture') || { shows: host ? 'none' : 'no-host', state: null, status: '', calls: [], collapsed: false };
    s.t = t;
    samples.push(s);
    if (samples.length < 100000) requestAnimationFrame(sample);
  }
  requestAnimationFrame(sample);
})();`;

/** Reads the page's samples (call before leaving the page) with its first-paint time. */
export const READ_FRAMES = `(() => {
  const paints = performance.getEntriesByType('paint');
  const fp = paints.find((p) => p.name === 'first-paint') || paints.find((p) => p.name === 'first-contentful-paint');
  return { url: location.pathname, samples: (window.__bandeauFrames || []).slice(), firstPaint: fp ? fp.startTime : null };
})()`;

/**
 * The frames that were painted: from the last rAF before the first paint on (that frame is the
 * one first shown); every frame when the browser does not report its first paint.
 */
export function shownFrames(p: PageFrames): FrameSample[] {
  if (p.firstPaint === null) return p.samples;
  let first = 0;
  p.samples.forEach((s, i) => {
    if (s.t <= p.firstPaint!) first = i;
  });
  return p.samples.slice(first);
}

/** A frame showing the live call `callId` in state `state`. */
export function showsCall(s: FrameSample, callId: string, state = 'answered'): boolean {
  return s.calls.includes(`${callId}:${state}`);
}

/** Frames that did not show the live call, with a short description for failure messages. */
export function framesWithoutCall(pages: PageFrames[], callId: string, state = 'answered'): string[] {
  const bad: string[] = [];
  for (const p of pages) {
    for (const s of shownFrames(p)) {
      if (!showsCall(s, callId, state)) bad.push(`${p.url} @${s.t.toFixed(0)}ms: ${s.shows} [${s.state}] "${s.status}" calls=${s.calls.join(',') || '-'}`);
    }
  }
  return bad;
}
