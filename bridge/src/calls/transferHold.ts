/**
 * Hold, transfers and parking, from the PBX's events (never from the
 * command the bridge sent): Hold/Unhold and music on hold, an attended
 * transfer's consultation (the Local channels Atxfer creates while the
 * other party holds), BlindTransfer/AttendedTransfer results, and
 * ParkedCall/UnParkedCall.
 */
import type { AmiMessage } from '../ami/message';
import type { CallAssembly } from './assembly';
import type { Chan } from './channels';
import { type CallRec, type ModelCore, clip } from './core';
import { FIELD_CAPS, cleanNumberOpt, cleanTextOpt } from './sanitise';

export class TransferHoldTracker {
  constructor(
    private readonly core: ModelCore,
    private readonly assembly: CallAssembly,
  ) {}

  /** Handles a hold, transfer or park event; false when the event is none of these. */
  apply(ev: string, m: AmiMessage, ts: number): boolean {
    switch (ev) {
      case 'hold':
      case 'unhold': {
        const ch = this.assembly.ensure(m, '', ts);
        if (ch) {
          ch.hold = ev === 'hold';
          ch.holdBridge = ch.hold ? ch.bridgeId : undefined;
          this.core.touch(this.core.callOf(ch));
        }
        return true;
      }
      case 'musiconholdstart':
      case 'musiconholdstop': {
        const ch = this.assembly.ensure(m, '', ts);
        if (ch) {
          ch.moh = ev === 'musiconholdstart';
          this.core.touch(this.core.callOf(ch));
        }
        return true;
      }
      case 'blindtransfer':
        this.blindTransfer(m, ts);
        return true;
      case 'attendedtransfer':
        this.attendedTransfer(m, ts);
        return true;
      case 'parkedcall': {
        const c = this.core.callOf(this.assembly.ensure(m, 'Parkee', ts, false));
        if (c) {
          const parker = this.core.cls.interfaceExtension(m.value('ParkerDialString') ?? '') ?? this.assembly.ensure(m, 'Parker', ts, false)?.ext;
          c.parked = { space: cleanTextOpt(m.value('ParkingSpace'), FIELD_CAPS.number), parker };
          this.core.touch(c);
        }
        return true;
      }
      case 'unparkedcall':
      case 'parkedcalltimeout':
      case 'parkedcallgiveup': {
        // Whoever picks it up is the agent it was passed to (see CallAssembly.evaluateBridge).
        const c = this.core.callOf(this.assembly.ensure(m, 'Parkee', ts, false));
        if (c) {
          c.parked = undefined;
          this.core.touch(c);
        }
        return true;
      }
      default:
        return false;
    }
  }

  /**
   * A Local channel appearing in an answered call while one of its agents holds the other
   * party is the consultation leg of an attended transfer (what Atxfer creates).
   */
  channelCreated(ch: Chan, c: CallRec): void {
    if (ch.kind !== 'local') return;
    if (c.consult) {
      c.consult.locals.add(ch.uniqueid);
      return;
    }
    if (c.answeredAt === null) return;
    const holder = this.core.channelsOf(c).find((x) => x.kind === 'agent' && x.hold && x.holdBridge !== undefined && x.holdBridge === x.bridgeId);
    if (!holder) return;
    c.consult = { transferer: holder.ext, locals: new Set([ch.uniqueid]) };
    this.core.touch(c);
  }

  /** A channel is gone: a consultation whose Local channels are all gone is over. */
  channelGone(ch: Chan, c: CallRec): void {
    if (!c.consult?.locals.delete(ch.uniqueid)) return;
    if (c.consult.locals.size === 0) {
      c.consult = undefined;
      this.core.touch(c);
    }
  }

  private blindTransfer(m: AmiMessage, ts: number): void {
    if ((m.value('Result') ?? 'Success').toLowerCase() !== 'success') return;
    const transferer = this.assembly.ensure(m, 'Transferer', ts, false);
    const transferee = this.assembly.ensure(m, 'Transferee', ts, false);
    const target = cleanNumberOpt(m.value('Extension'));
    for (const c of new Set([this.core.callOf(transferee), this.core.callOf(transferer)])) {
      if (!c) continue;
      if (transferer?.kind === 'agent' && transferer.ext) c.transferers.add(transferer.ext);
      c.consult = undefined;
      c.transferPending = true;
      if (target) c.transferredTo = clip(target, 64);
      this.core.touch(c);
    }
  }

  private attendedTransfer(m: AmiMessage, ts: number): void {
    if ((m.value('Result') ?? 'Success').toLowerCase() !== 'success') return;
    const orig = this.assembly.ensure(m, 'OrigTransferer', ts, false);
    const second = this.assembly.ensure(m, 'SecondTransferer', ts, false);
    const transferee = this.assembly.ensure(m, 'Transferee', ts, false);
    const targetCh = this.assembly.ensure(m, 'TransferTarget', ts, false);
    const target = targetCh ? this.agentBehind(targetCh) : undefined;
    for (const c of new Set([orig, second, transferee, targetCh].map((ch) => this.core.callOf(ch)))) {
      if (!c) continue;
      for (const t of [orig, second]) if (t?.kind === 'agent' && t.ext) c.transferers.add(t.ext);
      c.consult = undefined;
      if (target) c.transferredTo = target;
      // Completed onto a bridge, the target already talks; otherwise it is on its way.
      c.transferPending = target === undefined;
      this.core.touch(c);
    }
  }

  /** The agent a channel stands for: its device, or the extension a Local channel dials. */
  private agentBehind(ch: Chan): string | undefined {
    if (ch.kind === 'agent') return ch.ext;
    if (ch.kind !== 'local') return undefined;
    const partner = this.core.channels.partner(ch);
    const far = partner?.bridgeId ? this.core.channels.parties(partner.bridgeId).find((p) => p.kind === 'agent' && p.ext) : undefined;
    return far?.ext ?? ch.ext;
  }
}
