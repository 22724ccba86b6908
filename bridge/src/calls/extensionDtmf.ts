/**
 * Click-to-call to a number with an extension (`+1 212-736-5000 ext. 12`): the main number is
 * dialled, and once the far end answers — the call model says the call is answered and the
 * agent's channel is bridged with someone — the extension is played to that party as DTMF, one
 * `PlayDTMF` per digit. Only the call model's public events and queries are used.
 */
import { actions } from '../ami/actions';
import type { AmiActionSender } from './callControl';
import type { CallModel } from './model';
import type { Call } from '../protocol/messages';
import { MAX_EXTENSION_DIGITS } from '../phone/normalize';
import { createLogger, type Logger } from '../logger';

export interface ExtensionDtmfOptions {
  /** Pause between the answer and the first digit, so the far end's menu is listening. */
  delayMs: number;
  /** Length of each tone. */
  durationMs: number;
  /** A call that neither answers nor ends within this time is forgotten. */
  maxWaitMs: number;
  logger?: Logger;
}

interface Pending {
  agentExtension: string;
  digits: string;
  timer: NodeJS.Timeout;
}

const DIGITS = new RegExp(`^[0-9]{1,${MAX_EXTENSION_DIGITS}}$`);

export class ExtensionDtmf {
  private readonly pending = new Map<string, Pending>();
  private readonly log: Logger;

  constructor(
    private readonly ami: AmiActionSender,
    private readonly model: CallModel,
    private readonly options: ExtensionDtmfOptions,
  ) {
    this.log = options.logger ?? createLogger('silent');
    model.on('update', (call: Call) => this.onUpdate(call));
    model.on('ended', (_record: unknown, call: Call) => this.forget(call.id, 'ended before the far end answered'));
    model.on('removed', (callId: string) => this.forget(callId, 'merged into another call'));
  }

  /** Calls still waiting for their answer (for tests and metrics). */
  get waiting(): number {
    return this.pending.size;
  }

  /** Plays `digits` to whoever answers `callId` for `agentExtension`. Digits only, capped: they go into AMI frames. */
  expect(callId: string, agentExtension: string, digits: string): void {
    if (!DIGITS.test(digits)) throw new RangeError(`an extension is 1 to ${MAX_EXTENSION_DIGITS} digits`);
    this.forget(callId);
    const timer = setTimeout(() => this.forget(callId, 'not answered in time'), this.options.maxWaitMs);
    timer.unref?.();
    this.pending.set(callId, { agentExtension, digits, timer });
  }

  /** Drops what waits for `callId` (the originate failed, the call ended). */
  forget(callId: string, why?: string): void {
    const p = this.pending.get(callId);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(callId);
    if (why) this.log.info({ callId }, `extension not dialled: ${why}`);
  }

  private onUpdate(call: Call): void {
    const p = this.pending.get(call.id);
    if (!p || call.answeredAt === null || call.state === 'ended') return;
    // Answered is not enough when the agent's own leg is what answered: wait for a bridged peer.
    if (!this.model.farChannel(call.id, p.agentExtension)) return;
    clearTimeout(p.timer);
    this.pending.delete(call.id);
    const t = setTimeout(() => void this.play(call.id, p), this.options.delayMs);
    t.unref?.();
  }

  private async play(callId: string, p: Pending): Promise<void> {
    for (const digit of p.digits) {
      // Looked up per digit: a hang-up, hold or transfer meanwhile stops the rest.
      const far = this.model.farChannel(callId, p.agentExtension);
      if (!far) {
        this.log.info({ callId }, 'extension not fully dialled: the call is no longer connected');
        return;
      }
      try {
        await this.ami.action(actions.playDtmf(far.name, digit, this.options.durationMs));
      } catch (err) {
        this.log.warn({ callId, err: (err as Error)?.message }, 'extension not fully dialled: PlayDTMF failed');
        return;
      }
    }
    this.log.info({ callId, digits: p.digits.length }, 'extension dialled');
  }
}
