/**
 * Presence that routes: an agent who is not available has their queue memberships paused on the
 * PBX (AMI QueuePause, Reason = the status), so queues stop offering them calls; back to
 * available resumes them. Direct calls to the extension are the dialplan's business and still
 * ring (the bar says so).
 *
 * Which queue members are the agent's is asked of the PBX (QueueStatus): a member whose
 * interface or state interface is the agent's device (`PJSIP/7001`), or a Local channel dialling
 * the extension (`Local/7001@from-queue/n`, how FreePBX makes members). QueuePause by interface
 * without a queue name acts on every queue that interface belongs to (app_queue.c
 * set_member_paused), and answers "Interface not found" when it belongs to none.
 */
import { z } from 'zod';
import { actions } from '../ami/actions';
import { AmiActionError, AmiNotConnectedError, AmiTimeoutError } from '../ami/errors';
import type { AmiMessage } from '../ami/message';
import type { AmiActionSender } from '../calls/callControl';
import type { AgentStatus } from '../protocol/messages';
import { createLogger, type Logger } from '../logger';

export const PresenceConfig = z.object({
  /** Pause the agent's queue memberships while they are busy, away or in do-not-disturb. */
  queuePause: z.boolean().default(true),
});
export type PresenceConfig = z.infer<typeof PresenceConfig>;
export type PresenceConfigInput = z.input<typeof PresenceConfig>;

/** Statuses whose name is written as the pause reason, and read back after a bridge restart. */
const PAUSED_STATUSES: ReadonlySet<AgentStatus> = new Set(['busy', 'away', 'dnd']);

/** The PBX could not be told; the status itself still changed. */
export class PresenceError extends Error {
  readonly code = 'presence_pbx_failed';
}

export interface QueueMembership {
  queue: string;
  /** The member's interface (`Location` in QueueStatus), what QueuePause names. */
  interface: string;
  paused: boolean;
  reason: string;
}

export interface PresenceOptions {
  logger?: Logger;
  /** The agent's device for an extension (the call control's agentChannelTemplate). */
  deviceFor: (extension: string) => string;
}

export class Presence {
  readonly config: PresenceConfig;
  private readonly log: Logger;
  /** Status changes of one extension go to the PBX one after the other, in order. */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ami: AmiActionSender,
    config: PresenceConfigInput | PresenceConfig,
    private readonly options: PresenceOptions,
  ) {
    this.config = PresenceConfig.parse(config);
    this.log = options.logger ?? createLogger('silent');
  }

  /**
   * Tells the PBX: pauses (or resumes) every queue membership of the extension. Resolves with
   * the interfaces changed (none when the agent is in no queue); rejects with PresenceError.
   */
  apply(extension: string, status: AgentStatus): Promise<string[]> {
    const prev = this.chains.get(extension) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(() => this.pause(extension, status));
    this.chains.set(extension, next);
    void next.finally(() => {
      if (this.chains.get(extension) === next) this.chains.delete(extension);
    }).catch(() => undefined);
    return next;
  }

  /**
   * The status the PBX remembers for the extension (a bridge that restarted knows nothing): the
   * reason of its paused memberships when it is one of ours, else null.
   */
  async read(extension: string): Promise<AgentStatus | null> {
    if (!this.config.queuePause || this.ami.ready === false) return null;
    const mine = await this.memberships(extension);
    const paused = mine.find((m) => m.paused && PAUSED_STATUSES.has(m.reason as AgentStatus));
    return paused ? (paused.reason as AgentStatus) : null;
  }

  /** The extension's queue memberships, from the PBX's QueueStatus list. */
  async memberships(extension: string): Promise<QueueMembership[]> {
    const r = await this.ami.action(actions.queueStatus());
    const device = this.options.deviceFor(extension).toLowerCase();
    const local = `local/${extension.toLowerCase()}@`;
    return r.events
      .filter((e: AmiMessage) => (e.event ?? '').toLowerCase() === 'queuemember')
      .map((e) => ({
        queue: e.get('Queue') ?? '',
        interface: e.get('Location') ?? e.get('Interface') ?? '',
        stateInterface: (e.get('StateInterface') ?? '').toLowerCase(),
        paused: e.get('Paused') === '1',
        reason: e.get('PausedReason') ?? '',
      }))
      .filter((m) => {
        const loc = m.interface.toLowerCase();
        return loc === device || m.stateInterface === device || loc.startsWith(local);
      })
      .map(({ queue, interface: iface, paused, reason }) => ({ queue, interface: iface, paused, reason }));
  }

  private async pause(extension: string, status: AgentStatus): Promise<string[]> {
    if (!this.config.queuePause) return [];
    const paused = status !== 'available';
    try {
      if (this.ami.ready === false) throw new AmiNotConnectedError();
      const interfaces = [...new Set((await this.memberships(extension)).map((m) => m.interface))];
      for (const iface of interfaces) {
        try {
          await this.ami.action(actions.queuePause({ interface: iface, paused, reason: status }));
        } catch (err) {
          // Removed from its queues since the list came: nothing left to pause there.
          if (err instanceof AmiActionError && /interface not found/i.test(err.response.get('message') ?? '')) continue;
          throw err;
        }
      }
      this.log.info({ ext: extension, status, interfaces }, paused ? 'queue memberships paused' : 'queue memberships resumed');
      return interfaces;
    } catch (err) {
      const why =
        err instanceof AmiNotConnectedError
          ? 'the PBX link is down'
          : err instanceof AmiTimeoutError
            ? 'the PBX did not answer'
            : err instanceof AmiActionError
              ? `the PBX refused: ${err.response.get('message') ?? 'error'}`
              : (err as Error).message;
      this.log.warn({ ext: extension, status, why }, 'queue pause failed');
      throw new PresenceError(`Your status is ${status}, but the phone system could not ${paused ? 'pause' : 'resume'} your queue calls (${why}).`);
    }
  }
}
