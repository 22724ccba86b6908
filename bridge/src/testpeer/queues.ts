/**
 * The test peer's call queues, answering QueuePause and QueueStatus as Asterisk's app_queue.c
 * does (manager_pause_queue_member, manager_queues_status): a member is found by its interface
 * (case-insensitive); without `Queue` every queue it belongs to is changed; none found is
 * `Response: Error` / `Message: Interface not found`; each change raises QueueMemberPause with
 * the member's fields. The default queue is the one of the recorded Asterisk 22 test PBX
 * (../shared/asterisk/etc/queues.conf): queue 88 with FreePBX-style Local members.
 */
import type { AmiMessage } from '../ami/message';
import type { Pairs } from './builders';

export interface QueueMemberSpec {
  interface: string;
  name?: string;
  stateInterface?: string;
}

interface Member {
  interface: string;
  name: string;
  stateInterface: string;
  paused: boolean;
  reason: string;
  lastPause: number;
  loginTime: number;
}

/** queues.conf of ../shared/asterisk/etc: `member => Local/7001@from-queue/n,0,Alice Martin,PJSIP/7001`. */
export const RECORDED_PBX_QUEUES: Record<string, QueueMemberSpec[]> = {
  '88': [
    { interface: 'Local/7001@from-queue/n', name: 'Alice Martin', stateInterface: 'PJSIP/7001' },
    { interface: 'Local/7002@from-queue/n', name: 'Bruno Petit', stateInterface: 'PJSIP/7002' },
  ],
};

/** Asterisk's ast_true(): yes, true, y, t, 1, on. */
function astTrue(v: string): boolean {
  return /^(yes|true|y|t|1|on)$/i.test(v.trim());
}

export class PeerQueues {
  private readonly queues = new Map<string, Member[]>();

  constructor(spec: Record<string, QueueMemberSpec[]> = RECORDED_PBX_QUEUES) {
    const now = Math.floor(Date.now() / 1000);
    for (const [q, members] of Object.entries(spec)) {
      this.queues.set(
        q,
        members.map((m) => ({ interface: m.interface, name: m.name ?? m.interface, stateInterface: m.stateInterface ?? m.interface, paused: false, reason: '', lastPause: 0, loginTime: now })),
      );
    }
  }

  /** Whether a member is paused, by queue and interface (tests). */
  member(queue: string, iface: string): { paused: boolean; reason: string } | undefined {
    const m = this.queues.get(queue)?.find((x) => x.interface.toLowerCase() === iface.toLowerCase());
    return m ? { paused: m.paused, reason: m.reason } : undefined;
  }

  /** QueuePause: answers with `reply` and raises one QueueMemberPause per member changed. */
  pause(m: AmiMessage, reply: (fields: Pairs) => void, event: (fields: Pairs) => void, id: Pairs): void {
    const iface = m.get('interface') ?? '';
    const pausedS = m.get('paused') ?? '';
    const queue = m.get('queue') ?? '';
    const reason = m.get('reason') ?? '';
    if (!iface || !pausedS) return reply([['Response', 'Error'], ...id, ['Message', "Need 'Interface' and 'Paused' parameters."]]);
    const paused = astTrue(pausedS);
    const changed: Array<[string, Member]> = [];
    for (const [name, members] of this.queues) {
      if (queue && name.toLowerCase() !== queue.toLowerCase()) continue;
      const mem = members.find((x) => x.interface.toLowerCase() === iface.toLowerCase());
      if (!mem) continue;
      mem.paused = paused;
      if (paused) mem.lastPause = Math.floor(Date.now() / 1000);
      mem.reason = paused ? reason : '';
      changed.push([name, mem]);
    }
    if (changed.length === 0) return reply([['Response', 'Error'], ...id, ['Message', 'Interface not found']]);
    reply([['Response', 'Success'], ...id, ['Message', paused ? 'Interface paused successfully' : 'Interface unpaused successfully']]);
    // An unpause with a reason carries it in the event only (set_queue_member_pause).
    for (const [name, mem] of changed) event([['Event', 'QueueMemberPause'], ['Privilege', 'agent,all'], ...this.memberFields(name, mem, !paused && reason ? reason : mem.reason)]);
  }

  /** QueueStatus: the list answer, QueueParams and QueueMember per queue, then QueueStatusComplete. */
  status(m: AmiMessage, reply: (fields: Pairs) => void, id: Pairs): void {
    const qFilter = m.get('queue') ?? '';
    const memberFilter = m.get('member') ?? '';
    reply([['Response', 'Success'], ...id, ['EventList', 'start'], ['Message', 'Queue status will follow']]);
    let items = 0;
    for (const [name, members] of this.queues) {
      if (qFilter && name.toLowerCase() !== qFilter.toLowerCase()) continue;
      reply([
        ['Event', 'QueueParams'],
        ['Queue', name],
        ['Max', '0'],
        ['Strategy', 'ringall'],
        ['Calls', '0'],
        ['Holdtime', '0'],
        ['TalkTime', '0'],
        ['Completed', '0'],
        ['Abandoned', '0'],
        ['ServiceLevel', '0'],
        ['ServicelevelPerf', '0.0'],
        ['ServicelevelPerf2', '0.0'],
        ['Weight', '0'],
        ...id,
      ]);
      items++;
      for (const mem of members) {
        if (memberFilter && mem.interface !== memberFilter && mem.name !== memberFilter) continue;
        reply([
          ['Event', 'QueueMember'],
          ['Queue', name],
          ['Name', mem.name],
          ['Location', mem.interface],
          ['StateInterface', mem.stateInterface],
          ['Membership', 'static'],
          ['Penalty', '0'],
          ['CallsTaken', '0'],
          ['LastCall', '0'],
          ['LastPause', String(mem.lastPause)],
          ['LoginTime', String(mem.loginTime)],
          ['InCall', '0'],
          ['Status', '1'],
          ['Paused', mem.paused ? '1' : '0'],
          ['PausedReason', mem.reason],
          ['Wrapuptime', '0'],
          ...id,
        ]);
        items++;
      }
    }
    reply([['Event', 'QueueStatusComplete'], ...id, ['EventList', 'Complete'], ['ListItems', String(items)]]);
  }

  private memberFields(queue: string, mem: Member, reason: string): Pairs {
    return [
      ['Queue', queue],
      ['MemberName', mem.name],
      ['Interface', mem.interface],
      ['StateInterface', mem.stateInterface],
      ['Membership', 'static'],
      ['Penalty', '0'],
      ['CallsTaken', '0'],
      ['LastCall', '0'],
      ['LastPause', String(mem.lastPause)],
      ['LoginTime', String(mem.loginTime)],
      ['InCall', '0'],
      ['Status', '1'],
      ['Paused', mem.paused ? '1' : '0'],
      ['PausedReason', reason],
      ['Ringinuse', '0'],
      ['Wrapuptime', '0'],
    ];
  }
}
