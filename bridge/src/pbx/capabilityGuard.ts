/**
 * Commands the driver cannot carry out are refused with `unsupported` before reaching it: the
 * bar hides those controls, and a page that sends one anyway gets a sentence, not a PBX error.
 */
import { CommandError } from '../calls/callControl';
import type { CallCommand, PbxCapabilities } from '../protocol/messages';
import type { CallCommandHandler } from '../server';

/** The capability a command needs. */
export function capabilityFor(type: CallCommand['type']): keyof PbxCapabilities {
  switch (type) {
    case 'call.dial':
      return 'dial';
    case 'call.hangup':
      return 'hangup';
    case 'call.decline':
      return 'decline';
    case 'call.hold':
      return 'hold';
    case 'call.blindTransfer':
      return 'blindTransfer';
    case 'call.attendedTransfer':
    case 'call.completeTransfer':
    case 'call.cancelTransfer':
      return 'attendedTransfer';
    case 'call.dtmf':
      return 'dtmf';
  }
}

export function guardCommands(handler: CallCommandHandler, capabilities: PbxCapabilities): CallCommandHandler {
  return {
    ...(handler.dialRules ? { dialRules: handler.dialRules } : {}),
    execute(agent, cmd) {
      const needed = cmd && typeof cmd === 'object' && typeof cmd.type === 'string' ? capabilityFor(cmd.type) : undefined;
      if (needed !== undefined && !capabilities[needed]) {
        return Promise.reject(new CommandError('unsupported', 'The phone system does not offer this from Bandeau: use your phone.', needed));
      }
      return handler.execute(agent, cmd);
    },
  };
}
