/**
 * The ringtone of an incoming softphone call: a two-tone ring (440 + 480 Hz, 2 s on, 4 s off)
 * made with Web Audio, so nothing is downloaded. Browsers may keep it silent until the user has
 * interacted with the site; the bar shows the call either way.
 */
export class Ringer {
  private ctx: AudioContext | null = null;
  private gain: GainNode | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  get ringing(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer || typeof AudioContext === 'undefined') return;
    try {
      const ctx = (this.ctx ??= new AudioContext());
      void ctx.resume().catch(() => undefined);
      const gain = ctx.createGain();
      gain.gain.value = 0;
      gain.connect(ctx.destination);
      for (const f of [440, 480]) {
        const osc = ctx.createOscillator();
        osc.frequency.value = f;
        osc.connect(gain);
        osc.start();
      }
      this.gain = gain;
      const ring = () => {
        const t = ctx.currentTime;
        gain.gain.setValueAtTime(0.1, t);
        gain.gain.setValueAtTime(0, t + 2);
      };
      ring();
      this.timer = setInterval(ring, 6_000);
    } catch {
      this.stop();
    }
  }

  /** A tone started before any user gesture is silent (autoplay policy): call on a gesture. */
  resume(): void {
    if (this.ctx?.state === 'suspended') void this.ctx.resume().catch(() => undefined);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.gain?.disconnect();
    this.gain = null;
    if (this.ctx) void this.ctx.close().catch(() => undefined);
    this.ctx = null;
  }
}
