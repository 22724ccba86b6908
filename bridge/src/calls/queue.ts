/**
 * Queue events: who was offered the call (AgentCalled), who took it
 * (AgentConnect), who let it ring (AgentRingNoAnswer), and the caller's
 * place and wait in the queue (QueueCallerJoin / QueueCallerAbandon).
 */
import type { AmiMessage } from '../ami/message';
import type { CallAssembly } from './assembly';
import { type CallRec, type ModelCore, type QueueInfo, numberOr } from './core';
import { cleanTextOpt } from './sanitise';

export class QueueTracker {
  constructor(
    private readonly core: ModelCore,
    private readonly assembly: CallAssembly,
  ) {}

  /** Handles a queue event; false when the event is not one. */
  apply(ev: string, m: AmiMessage, ts: number): boolean {
    switch (ev) {
      case 'queuecallerjoin': {
        const c = this.callerCall(m, ts);
        if (c) {
          const q = this.queueOf(c, m, ts);
          q.position ??= numberOr(m.value('Position'));
        }
        return true;
      }
      case 'agentcalled':
        this.agentCalled(m, ts);
        return true;
      case 'agentconnect':
        this.agentConnect(m, ts);
        return true;
      case 'agentringnoanswer': {
        const c = this.callerCall(m, ts, false);
        const ext = this.core.cls.interfaceExtension(m.value('Interface') ?? m.value('DestChannel') ?? '');
        if (c && ext) for (const leg of c.legs.values()) if (leg.ext === ext && !leg.status) leg.status = 'NOANSWER';
        return true;
      }
      case 'queuecallerabandon': {
        const c = this.callerCall(m, ts, false);
        if (c) {
          const q = this.queueOf(c, m, ts);
          q.abandoned = true;
          q.position = numberOr(m.value('OriginalPosition')) ?? q.position;
          q.abandonPosition = numberOr(m.value('Position'));
          q.waitS = numberOr(m.value('HoldTime')) ?? q.waitS;
          this.core.touch(c);
        }
        return true;
      }
      case 'queuecallerleave':
        this.callerCall(m, ts, false);
        return true;
      default:
        return false;
    }
  }

  private callerCall(m: AmiMessage, ts: number, create = true): CallRec | undefined {
    return this.core.callOf(this.assembly.ensure(m, '', ts, create));
  }

  private queueOf(c: CallRec, m: AmiMessage, ts: number): QueueInfo {
    c.queue ??= { name: undefined, position: undefined, abandonPosition: undefined, waitS: undefined, joinedAt: ts, abandoned: false };
    c.queue.name ??= cleanTextOpt(m.value('Queue'));
    return c.queue;
  }

  private agentCalled(m: AmiMessage, ts: number): void {
    const c = this.callerCall(m, ts);
    const dst = this.assembly.ensure(m, 'Dest', ts);
    if (!c) return;
    this.queueOf(c, m, ts);
    const ext = dst?.ext ?? this.core.cls.interfaceExtension(m.value('Interface') ?? '');
    if (ext) this.core.addRung(c, ext);
    if (dst && !c.legs.has(dst.uniqueid)) c.legs.set(dst.uniqueid, { ext, status: undefined });
    if (dst && dst.callId === c.id) dst.dialedBy ??= c.originUid;
  }

  private agentConnect(m: AmiMessage, ts: number): void {
    const c = this.callerCall(m, ts);
    if (!c) return;
    const q = this.queueOf(c, m, ts);
    q.waitS ??= numberOr(m.value('HoldTime'));
    if (c.answeredAt !== null) return;
    const ext = this.assembly.ensure(m, 'Dest', ts)?.ext ?? this.core.cls.interfaceExtension(m.value('Interface') ?? '');
    if (!ext) return;
    c.answeredAt = ts;
    c.answeredBy = ext;
    this.core.addRung(c, ext);
    this.core.touch(c);
  }
}
