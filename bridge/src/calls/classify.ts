/**
 * What a channel is, from its name and first context: an agent's device
 * (with its extension), a trunk, a Local half, or something else.
 */
import type { CallModelConfig } from './config';

export type ChannelKind = 'agent' | 'trunk' | 'local' | 'other';

export interface Classification {
  kind: ChannelKind;
  /** Agent extension, or for a Local half the extension it stands for. */
  ext?: string;
}

const SAFE_EXT = /^[0-9A-Za-z*#_-]{1,32}$/;

export class ChannelClassifier {
  private readonly agent: RegExp;
  private readonly local: RegExp;
  private readonly trunks: RegExp[];
  private readonly extension: RegExp;
  private readonly inbound: Set<string>;
  private readonly internal: Set<string>;

  constructor(readonly config: CallModelConfig) {
    this.agent = new RegExp(config.agentChannelPattern);
    this.local = new RegExp(config.localChannelPattern);
    this.trunks = config.trunkChannelPatterns.map((p) => new RegExp(p));
    this.extension = new RegExp(config.extensionPattern);
    this.inbound = new Set(config.inboundContexts);
    this.internal = new Set(config.internalContexts);
  }

  classify(name: string, context?: string): Classification {
    if (name.startsWith('Local/')) {
      const ext = this.local.exec(name)?.[1];
      return ext && SAFE_EXT.test(ext) ? { kind: 'local', ext } : { kind: 'local' };
    }
    const a = this.agent.exec(name)?.[1];
    if (a && SAFE_EXT.test(a)) return { kind: 'agent', ext: a };
    if (this.trunks.some((r) => r.test(name))) return { kind: 'trunk' };
    if (context !== undefined && this.inbound.has(context)) return { kind: 'trunk' };
    return { kind: 'other' };
  }

  /** Extension behind a queue member interface such as `Local/7006@from-queue/n` or `PJSIP/7006`. */
  interfaceExtension(iface: string): string | undefined {
    const base = iface.replace(/\/n$/, '');
    const viaLocal = base.startsWith('Local/') ? this.local.exec(base)?.[1] : undefined;
    const ext = viaLocal ?? this.agent.exec(`${base}-00000000`)?.[1];
    return ext && SAFE_EXT.test(ext) ? ext : undefined;
  }

  isExtension(s: string | undefined): boolean {
    return s !== undefined && this.extension.test(s);
  }

  isInternalContext(ctx: string | undefined): boolean {
    return ctx !== undefined && this.internal.has(ctx);
  }

  /** A dialled string that can only be a number outside the PBX. */
  looksExternal(s: string | undefined): boolean {
    return s !== undefined && !this.isExtension(s) && /^\+?\d{7,}$/.test(s);
  }
}

/** The other half of a Local channel pair (`…;1` <-> `…;2`). */
export function localPartnerName(name: string): string | undefined {
  if (name.endsWith(';1')) return `${name.slice(0, -1)}2`;
  if (name.endsWith(';2')) return `${name.slice(0, -1)}1`;
  return undefined;
}
