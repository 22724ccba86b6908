import { Ringer } from '../media/ringer';
import type { Translate } from '../strings';
import type { BarPrefs } from './prefs';
import type { Ring } from './strip';

/**
 * What a ringing call does outside the bar: the tab title names the caller (restored after),
 * a browser notification when the agent asked for them and is looking elsewhere, and in
 * desk-phone mode a ring tone (softphone mode rings through its own Ringer).
 *
 * The tone: one tab rings, not every open admin page: the tab holding the `bandeau-ring` Web
 * Lock, tried first by a visible tab. Browsers keep audio silent until the page had a user
 * gesture; a tone that could not start resumes on the agent's next click or key press.
 */
export class RingAlerts {
  private savedTitle: string | null = null;
  private readonly notes = new Map<string, { n: Notification; caller: string }>();
  private readonly ringer = new Ringer();
  private ringWanted = false;
  private release: (() => void) | null = null;
  private delay: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly o: {
      t: Translate;
      /** Desk-phone mode: the bar rings (softphone mode has its own ring). */
      desk: boolean;
      prefs: () => BarPrefs;
      /** A notification was clicked: show the bar. */
      onNotificationClick: () => void;
      /** The tone of this tab started or stopped (it starts once the ring lock is held). */
      onTone: (on: boolean) => void;
    },
  ) {
    // Capture: a click that the page handles still counts as the gesture that unlocks audio.
    const unlock = () => this.ringer.resume();
    document.addEventListener('pointerdown', unlock, true);
    document.addEventListener('keydown', unlock, true);
  }

  update(rings: Ring[]): void {
    this.title(rings[0]);
    this.notify(rings);
    this.sound(rings.length > 0 && this.o.desk && this.o.prefs().ringSound);
  }

  private title(ring: Ring | undefined): void {
    if (ring) {
      this.savedTitle ??= document.title;
      document.title = `${this.o.t('Call from %1', ring.caller)} – ${this.savedTitle}`;
    } else if (this.savedTitle !== null) {
      document.title = this.savedTitle;
      this.savedTitle = null;
    }
  }

  private notify(rings: Ring[]): void {
    const keys = new Set(rings.map((r) => r.key));
    for (const [key, { n }] of this.notes) {
      if (keys.has(key)) continue;
      n.close();
      this.notes.delete(key);
    }
    if (!this.o.prefs().notify || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    // Only when the agent is looking elsewhere: the bar itself shows the call otherwise.
    if (document.visibilityState === 'visible' && document.hasFocus()) return;
    for (const r of rings) {
      // Once more when the lookup found the caller's name: the same tag replaces it, silently.
      if (this.notes.get(r.key)?.caller === r.caller) continue;
      try {
        // The tag makes every open tab's notification of one call a single one.
        const n = new Notification(this.o.t('Incoming call from %1', r.caller), { tag: `bandeau-call-${r.key}`, body: this.o.t('Ringing') });
        n.onclick = () => {
          window.focus();
          n.close();
          this.o.onNotificationClick();
        };
        this.notes.set(r.key, { n, caller: r.caller });
      } catch {
        // Some browsers only notify from a service worker: the bar and the title still show it.
      }
    }
  }

  private sound(on: boolean): void {
    if (on === this.ringWanted) return;
    this.ringWanted = on;
    if (!on) {
      clearTimeout(this.delay);
      this.ringer.stop();
      this.release?.();
      this.release = null;
      this.o.onTone(false);
      return;
    }
    const locks = navigator.locks;
    const tryRing = () => {
      if (!this.ringWanted) return;
      const start = () => {
        this.ringer.start();
        this.o.onTone(this.ringer.ringing);
      };
      if (!locks) return start();
      void locks.request('bandeau-ring', { ifAvailable: true }, (lock) => {
        if (!lock || !this.ringWanted) return undefined;
        start();
        return new Promise<void>((resolve) => (this.release = resolve));
      });
    };
    // A visible tab asks first; a hidden one only if no visible tab took it.
    if (document.visibilityState === 'visible') tryRing();
    else this.delay = setTimeout(tryRing, 1_000);
  }
}
