/**
 * Agent commands -> AMI actions, each authorised and validated first.
 *
 * - `call.dial` needs the dial permission; every other command works only
 *   on a call where the agent's own device has a live channel.
 * - Numbers are normalised with libphonenumber-js; transfer targets may also
 *   be internal extensions. Nothing from the browser reaches an AMI frame
 *   unchecked, and the frame writer refuses control characters anyway.
 */
import { randomUUID } from 'node:crypto';
import type { CallCommand } from '../protocol/messages';
import { actions, type ActionFields } from '../ami/actions';
import type { AmiResult } from '../ami/client';
import { AmiActionError, AmiNotConnectedError, AmiTimeoutError } from '../ami/errors';
import { AmiFrameError } from '../ami/writer';
import { compileDialRules, resolveDial, type CompiledDialRules, type DialRules } from '../phone/dialRules';
import { DialPolicy } from '../phone/dialPolicy';
import { CallControlConfig, type CallControlConfigInput } from './config';
import { ExtensionDtmf } from './extensionDtmf';
import type { CallModel, ChannelView } from './model';
import { createLogger, type Logger } from '../logger';

export type CommandErrorCode =
  | 'invalid_command'
  | 'invalid_agent'
  | 'forbidden'
  | 'not_found'
  | 'not_party'
  | 'not_connected'
  | 'not_consulting'
  | 'not_held_here'
  | 'invalid_number'
  | 'invalid_target'
  | 'invalid_digits'
  | 'unsupported'
  | 'pbx_unavailable'
  | 'pbx_timeout'
  | 'pbx_refused'
  | 'dial_denied';

/** A refused command: `code` for programs, `message` for the agent. */
export class CommandError extends Error {
  constructor(
    readonly code: CommandErrorCode,
    message: string,
    /** Finer than the code, for the page to say in its own words (a refused number's PhoneRefusal…). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface AgentRef {
  userId: number;
  extension: string;
  permissions: string[];
  /** What this agent may dial besides outside numbers (Magento's, from the token); absent: the bridge's. */
  dial?: DialRules;
}

/** What CallControl needs from the AMI client (AmiClient implements it). */
export interface AmiActionSender {
  /** False while the PBX link is down (commands are then refused at once). */
  readonly ready?: boolean;
  action(fields: ActionFields, options?: { timeoutMs?: number; actionId?: string }): Promise<AmiResult>;
}

export interface CallControlOptions {
  logger?: Logger;
  /** Id generator for ChannelId/OtherChannelId (default: random UUID). */
  newId?: () => string;
  /** Internal extension numbers (default: the model's extensionPattern); feature codes come from the config. */
  extensionPattern?: RegExp;
  /** Extra time after originateTimeoutMs before an originate that never showed up is failed. */
  originateGraceMs?: number;
  /** Outside numbers refused before any Originate or transfer (phone/dialPolicy.ts); none by default. */
  dialPolicy?: DialPolicy;
}

const SAFE_EXT = /^[0-9A-Za-z*#_-]{1,32}$/;
// eslint-disable-next-line no-control-regex
const SAFE_ID = /^[^\u0000-\u001f\u007f]{1,128}$/;
const DIGITS = /^[0-9*#A-D]{1,32}$/;

export class CallControl {
  readonly config: CallControlConfig;
  private readonly log: Logger;
  private readonly newId: () => string;
  /** What agents may dial besides outside numbers when their token does not say. */
  readonly dialRules: DialRules;
  private readonly warned = new WeakSet<CompiledDialRules>();
  private readonly graceMs: number;
  private readonly policy: DialPolicy;
  /** Calls put on hold by redirect: who to bridge back on unhold. */
  private readonly held = new Map<string, { agent: string; far: string }>();
  /** Extensions of dialled numbers, played once the far end answers. */
  readonly extensions: ExtensionDtmf;

  constructor(
    private readonly ami: AmiActionSender,
    private readonly model: CallModel,
    config: CallControlConfigInput | CallControlConfig = {},
    options: CallControlOptions = {},
  ) {
    this.config = CallControlConfig.parse(config);
    this.log = options.logger ?? createLogger('silent');
    this.newId = options.newId ?? randomUUID;
    this.dialRules = { extensionPattern: options.extensionPattern?.source ?? model.config.extensionPattern, featureCodePattern: this.config.featureCodePattern };
    this.graceMs = options.originateGraceMs ?? 15_000;
    this.policy = options.dialPolicy ?? new DialPolicy();
    this.extensions = new ExtensionDtmf(ami, model, {
      delayMs: this.config.extensionDelayMs,
      durationMs: this.config.dtmfDurationMs,
      maxWaitMs: 10 * 60_000,
      logger: this.log,
    });
  }

  /** Runs one command for one agent. Resolves with the call id (dial) or throws CommandError. */
  async execute(agent: AgentRef, cmd: CallCommand): Promise<{ callId?: string }> {
    if (!agent || typeof agent.extension !== 'string' || !SAFE_EXT.test(agent.extension) || !Array.isArray(agent.permissions)) {
      throw new CommandError('invalid_agent', 'Your account has no valid phone extension.');
    }
    if (!cmd || typeof cmd !== 'object' || typeof cmd.type !== 'string') throw new CommandError('invalid_command', 'Unknown command.');
    try {
      switch (cmd.type) {
        case 'call.dial':
          return await this.dial(agent, cmd.number);
        case 'call.hangup': {
          const mine = this.ownChannel(agent, cmd.callId);
          await this.send(actions.hangup(mine.name));
          return { callId: cmd.callId };
        }
        case 'call.decline':
          return await this.decline(agent, cmd.callId);
        case 'call.blindTransfer':
          return await this.blindTransfer(agent, cmd.callId, cmd.target);
        case 'call.attendedTransfer': {
          const mine = this.ownChannel(agent, cmd.callId);
          const target = this.target(agent, cmd.target);
          this.requireBridged(mine);
          await this.send(actions.atxfer(mine.name, this.config.transferContext, target));
          return { callId: cmd.callId };
        }
        case 'call.completeTransfer':
          return await this.completeTransfer(agent, cmd.callId);
        case 'call.cancelTransfer':
          return await this.cancelTransfer(agent, cmd.callId);
        case 'call.hold':
          return await this.hold(agent, cmd.callId, cmd.hold);
        case 'call.dtmf':
          return await this.dtmf(agent, cmd.callId, cmd.digits);
        default:
          throw new CommandError('invalid_command', 'Unknown command.');
      }
    } catch (err) {
      throw this.toCommandError(err);
    }
  }

  // ------------------------------------------------------------------ commands

  private async dial(agent: AgentRef, number: unknown): Promise<{ callId: string }> {
    if (!agent.permissions.includes(this.config.dialPermission)) throw new CommandError('forbidden', 'You are not allowed to place calls.');
    const n = resolveDial(number, this.rulesFor(agent), this.config.defaultRegion, this.config.dialFormat);
    if (!n.ok) throw new CommandError('invalid_number', `Cannot dial this number: ${n.reason}.`, n.code);
    if (n.kind !== 'number' && n.exten === agent.extension) throw new CommandError('invalid_number', 'Cannot dial your own extension.', 'own_extension');
    if (n.kind === 'number') this.checkPolicy(n.e164);
    if (this.ami.ready === false) throw new AmiNotConnectedError();
    const dial = n.exten;
    const shown = n.kind === 'number' ? n.e164 : n.exten;
    const channelId = this.newId();
    const otherChannelId = this.newId();
    const actionId = `bandeau-originate-${channelId}`;
    this.model.expectOriginate({ channelId, otherChannelId, actionId, extension: agent.extension, number: shown, ...(n.kind === 'number' ? {} : { internal: true }) });
    if (n.kind === 'number' && n.extension !== undefined) this.extensions.expect(channelId, agent.extension, n.extension);
    try {
      await this.send(
        actions.originate({
          channel: this.config.agentChannelTemplate.split('{ext}').join(agent.extension),
          context: this.config.dialContext,
          exten: dial,
          priority: 1,
          callerId: this.config.callerIdTemplate.split('{number}').join(shown),
          timeoutMs: this.config.originateTimeoutMs,
          channelId,
          otherChannelId,
          variables: { BANDEAU_AGENT: agent.extension },
        }),
        actionId,
      );
    } catch (err) {
      this.extensions.forget(channelId);
      this.model.failOriginate(channelId);
      throw err;
    }
    // An originate that never produces a channel nor a response must not linger.
    const t = setTimeout(() => this.model.failOriginate(channelId), this.config.originateTimeoutMs + this.graceMs);
    t.unref?.();
    this.log.info({ agent: agent.userId, ext: agent.extension, callId: channelId }, 'click-to-call queued');
    return { callId: channelId };
  }

  /**
   * Hangs up the agent's ringing phone with cause 21 (call rejected), the call marked as declined
   * by them first so the events of that hangup already know it.
   */
  private async decline(agent: AgentRef, callId: unknown): Promise<{ callId: string }> {
    const mine = this.ownChannel(agent, callId);
    if (mine.bridgeId) throw new CommandError('not_connected', 'This call is already answered: hang up instead.');
    this.model.markDeclined(mine.callId, agent.extension);
    try {
      await this.send(actions.hangup(mine.name, 21));
    } catch (err) {
      this.model.markDeclined(mine.callId, agent.extension, false);
      throw err;
    }
    return { callId: mine.callId };
  }

  private async blindTransfer(agent: AgentRef, callId: unknown, rawTarget: unknown): Promise<{ callId: string }> {
    const mine = this.ownChannel(agent, callId);
    const target = this.target(agent, rawTarget);
    this.requireBridged(mine);
    if (this.config.blindTransferMethod === 'blindtransfer') {
      await this.send(actions.blindTransfer(mine.name, this.config.transferContext, target));
    } else {
      const far = this.far(agent, mine);
      await this.send(actions.redirect({ channel: far.name, context: this.config.transferContext, exten: target, priority: 1 }));
    }
    return { callId: mine.callId };
  }

  private async hold(agent: AgentRef, callId: unknown, on: unknown): Promise<{ callId: string }> {
    if (typeof on !== 'boolean') throw new CommandError('invalid_command', 'Hold must be true or false.');
    const mine = this.ownChannel(agent, callId);
    const c = this.config;
    if (on) {
      this.requireBridged(mine);
      const far = this.far(agent, mine);
      if (c.holdMethod === 'park') {
        await this.send(actions.park(far.name, mine.name, c.parkinglot));
      } else {
        await this.send(
          actions.redirect({
            channel: far.name,
            context: c.holdContext,
            exten: c.holdExten,
            priority: 1,
            extraChannel: mine.name,
            extraContext: c.holdAgentContext,
            extraExten: c.holdExten,
            extraPriority: 1,
          }),
        );
        this.held.set(mine.callId, { agent: mine.name, far: far.name });
      }
      return { callId: mine.callId };
    }
    if (c.holdMethod === 'park') throw new CommandError('unsupported', 'A parked call is taken back by dialling its parking slot from the phone.');
    const h = this.held.get(mine.callId) ?? this.heldByRedirect(mine);
    if (!h) {
      // A phone's own hold (a re-INVITE) can only be lifted by that phone: AMI has no Unhold.
      if (mine.bridgeId && mine.onHold) throw new CommandError('not_held_here', 'This call was put on hold from the phone: take it back from the phone.');
      throw new CommandError('not_connected', 'This call is not on hold.');
    }
    await this.send(actions.bridge(h.agent, h.far));
    this.held.delete(mine.callId);
    return { callId: mine.callId };
  }

  /**
   * A hold by Redirect the bridge no longer remembers (it restarted): the agent's phone out of
   * any bridge and the call's other party hearing music on hold, as the channels say.
   */
  private heldByRedirect(mine: ChannelView): { agent: string; far: string } | undefined {
    if (mine.bridgeId || this.config.holdMethod !== 'moh-redirect') return undefined;
    const far = this.model.channelsOf(mine.callId).find((ch) => ch.uniqueid !== mine.uniqueid && ch.onHold && !ch.bridgeId && ch.kind !== 'agent');
    return far ? { agent: mine.name, far: far.name } : undefined;
  }

  /**
   * Completes an attended transfer: the consulting agent leaves, which is how Asterisk completes
   * it (bridge_basic.c: the transferer hanging up in the consulting state merges the bridges).
   */
  private async completeTransfer(agent: AgentRef, callId: unknown): Promise<{ callId: string }> {
    const mine = this.consulting(agent, callId);
    await this.send(actions.hangup(mine.name));
    return { callId: mine.callId };
  }

  /**
   * Cancels an attended transfer: the consulted leg goes and the agent is back with the held
   * party. CancelAtxfer where the PBX has it (Asterisk 13.18+, the atxferabort feature); else the
   * consulted leg is hung up, which Asterisk also treats as a cancel (back to the held party).
   */
  private async cancelTransfer(agent: AgentRef, callId: unknown): Promise<{ callId: string }> {
    const mine = this.consulting(agent, callId);
    try {
      await this.send(actions.cancelAtxfer(mine.name));
    } catch (err) {
      if (!(err instanceof AmiActionError)) throw err;
      // The Local channel sharing the consultation bridge with the agent (its far half may still ring).
      const leg = this.model.channelsOf(mine.callId).find((ch) => ch.bridgeId !== undefined && ch.bridgeId === mine.bridgeId && ch.uniqueid !== mine.uniqueid);
      if (!leg) throw new CommandError('not_consulting', 'No transfer is being prepared on this call.');
      this.log.info({ reason: err.response.get('message') }, 'CancelAtxfer refused: hanging up the consultation leg instead');
      await this.send(actions.hangup(leg.name));
    }
    return { callId: mine.callId };
  }

  /** The agent's channel in a call whose consultation they lead, or a refusal. */
  private consulting(agent: AgentRef, callId: unknown): ChannelView {
    const mine = this.ownChannel(agent, callId);
    const view = this.model.callsForExtension(agent.extension).find((c) => c.id === mine.callId);
    if (view?.state !== 'transferring') throw new CommandError('not_consulting', 'No transfer is being prepared on this call.');
    return mine;
  }

  private async dtmf(agent: AgentRef, callId: unknown, digits: unknown): Promise<{ callId: string }> {
    if (typeof digits !== 'string' || !DIGITS.test(digits)) throw new CommandError('invalid_digits', 'DTMF digits must be 0-9, *, #, A-D (at most 32).');
    const mine = this.ownChannel(agent, callId);
    this.requireBridged(mine);
    const far = this.far(agent, mine);
    for (const d of digits) await this.send(actions.playDtmf(far.name, d, this.config.dtmfDurationMs));
    return { callId: mine.callId };
  }

  // ------------------------------------------------------------------ checks

  /** The agent's own live channel in the call, or a refusal. */
  private ownChannel(agent: AgentRef, callId: unknown): ChannelView {
    if (typeof callId !== 'string' || !SAFE_ID.test(callId)) throw new CommandError('invalid_command', 'Invalid call id.');
    const call = this.model.getCall(callId);
    if (!call) throw new CommandError('not_found', 'This call is over or does not exist.');
    const mine = this.model.agentChannel(callId, agent.extension);
    if (!mine) {
      if (this.model.extensionsFor(callId).includes(agent.extension)) throw new CommandError('not_connected', 'Your phone is not on this call right now.');
      throw new CommandError('not_party', 'You can only control your own calls.');
    }
    return mine;
  }

  private requireBridged(ch: ChannelView): void {
    if (!ch.bridgeId) throw new CommandError('not_connected', 'The call is not connected yet.');
  }

  private far(agent: AgentRef, mine: ChannelView): ChannelView {
    const far = this.model.farChannel(mine.callId, agent.extension);
    if (!far) throw new CommandError('not_connected', 'Nobody is connected to your phone on this call.');
    return far;
  }

  /** A transfer target: an allowed extension or feature code, or a phone number in the dial format. */
  private target(agent: AgentRef, raw: unknown): string {
    const n = resolveDial(raw, this.rulesFor(agent), this.config.defaultRegion, this.config.dialFormat);
    if (!n.ok) throw new CommandError('invalid_target', `Cannot transfer to this number: ${n.reason}.`, n.code);
    if (n.kind === 'number' && n.extension !== undefined) {
      throw new CommandError('invalid_target', 'Cannot transfer to a number with an extension: nobody would be left to dial it.', 'extension_transfer');
    }
    if (n.kind === 'number') this.checkPolicy(n.e164);
    return n.exten;
  }

  /** The dial policy (allow/deny prefixes) refuses this outside number: before any AMI action. */
  private checkPolicy(e164: string): void {
    const r = this.policy.check(e164);
    if (r.allowed) return;
    this.log.info({ prefix: r.prefix }, 'number refused by the dial policy');
    throw new CommandError('dial_denied', 'Calls to this number are not allowed by the dialling policy.');
  }

  /** The agent's dial rules (Magento's from the token, else the bridge's), compiled once. */
  rulesFor(agent: Pick<AgentRef, 'dial'>): CompiledDialRules {
    const rules = compileDialRules(agent.dial ?? this.dialRules);
    if (rules.broken.length && !this.warned.has(rules)) {
      this.warned.add(rules);
      this.log.warn({ patterns: rules.broken }, 'dial rules: a pattern does not compile and allows nothing');
    }
    return rules;
  }

  private send(fields: ActionFields, actionId?: string): Promise<AmiResult> {
    return this.ami.action(fields, actionId ? { actionId } : {});
  }

  private toCommandError(err: unknown): CommandError {
    if (err instanceof CommandError) return err;
    if (err instanceof AmiNotConnectedError) return new CommandError('pbx_unavailable', 'The phone system is not reachable right now; try again in a moment.');
    if (err instanceof AmiTimeoutError) return new CommandError('pbx_timeout', 'The phone system did not answer in time.');
    if (err instanceof AmiActionError) return new CommandError('pbx_refused', `The phone system refused: ${err.response.get('message') ?? 'error'}.`);
    if (err instanceof AmiFrameError) return new CommandError('invalid_command', 'The command contains characters that are not allowed.');
    this.log.error({ err: (err as Error)?.message }, 'call control: unexpected error');
    return new CommandError('pbx_refused', 'The command failed.');
  }
}
