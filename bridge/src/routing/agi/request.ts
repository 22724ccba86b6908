/**
 * The FastAGI request: the `agi_<name>: <value>` lines Asterisk sends on connecting, ended by an
 * empty line (res_agi.c: launch_netscript sends agi_network and agi_network_script, setup_env the
 * rest, in a fixed order). Parsed strictly: a line that is not of that form, a name sent twice or
 * a block without the headers every Asterisk sends is refused, and the session closed.
 */
import type { AgiRequest } from '../contract';

/** Bounds on the header block: far above what Asterisk sends (about 700 bytes, 22 lines + args). */
export const HEADER_LIMITS = { maxBytes: 16 * 1024, maxLines: 128 } as const;

/**
 * One header line (without its `\n`). Asterisk writes `agi_%s: %s\n` with lower-case names; the
 * value is whatever the channel holds (a caller name may be UTF-8) but never a control character.
 */
const HEADER_LINE = /^agi_([a-z0-9_]{1,32}): ([^\x00-\x08\x0a-\x1f\x7f]*)$/;

/** Headers setup_env always sends; a block without them did not come from Asterisk's AGI(). */
const REQUIRED = ['network', 'request', 'channel', 'uniqueid', 'callerid', 'extension'] as const;

export class AgiHeaderError extends Error {}

const malformed = (line: string): AgiHeaderError => new AgiHeaderError(`malformed header line (${line.length} chars): expected "agi_<name>: <value>"`);

/** Parses one header line into [name, value]; throws AgiHeaderError (message without the value). */
export function parseHeaderLine(line: string): [string, string] {
  if (!HEADER_LINE.test(line)) throw malformed(line);
  // The name has no `:`, so the first one ends it (slices: no match array per line).
  const colon = line.indexOf(':');
  return [line.slice(4, colon), line.slice(colon + 2)];
}

/** Collects header lines; `add` returns true once the empty line ends the block. */
export class HeaderBlock {
  private readonly env = new Map<string, string>();
  private lines = 0;

  add(line: string): boolean {
    if (line === '') {
      if (this.lines === 0) throw new AgiHeaderError('empty line before any header');
      return true;
    }
    if (++this.lines > HEADER_LIMITS.maxLines) throw new AgiHeaderError(`more than ${HEADER_LIMITS.maxLines} header lines`);
    if (!HEADER_LINE.test(line)) throw malformed(line);
    // As parseHeaderLine, without the pair: one Map entry per line is all that is kept.
    const colon = line.indexOf(':');
    const name = line.slice(4, colon);
    if (this.env.has(name)) throw new AgiHeaderError(`header agi_${name} sent twice`);
    this.env.set(name, line.slice(colon + 2));
    return false;
  }

  /** The request, once the block is complete. */
  request(): AgiRequest {
    return buildAgiRequest(this.env);
  }
}

/** Asterisk's placeholder for an absent caller id, name, DNID or RDNIS (S_COR/S_OR in setup_env). */
const absent = (v: string | undefined): boolean => v === undefined || v === '' || v.toLowerCase() === 'unknown';

/** Caller ids that say "no number": what PJSIP and trunks put for withheld numbers. */
const ANONYMOUS = /^(anonymous|restricted|private|withheld|unavailable)$/i;

const ARG_NAME = /^arg_(\d+)$/;

export function buildAgiRequest(env: ReadonlyMap<string, string>): AgiRequest {
  for (const name of REQUIRED) if (!env.has(name)) throw new AgiHeaderError(`header agi_${name} missing`);
  if (env.get('network') !== 'yes') throw new AgiHeaderError('agi_network is not "yes": not a FastAGI request');
  const args: string[] = [];
  for (let i = 1; env.has(`arg_${i}`); i++) args.push(env.get(`arg_${i}`)!);
  for (const name of env.keys()) {
    const m = name.startsWith('arg_') ? ARG_NAME.exec(name) : null;
    if (m && (Number(m[1]) < 1 || Number(m[1]) > args.length || m[1]!.startsWith('0'))) throw new AgiHeaderError(`header agi_${name} out of sequence`);
  }
  const callerId = env.get('callerid')!;
  const callerName = env.get('calleridname');
  const dnid = env.get('dnid');
  return {
    script: env.get('network_script') ?? '',
    env,
    callerId: absent(callerId) || ANONYMOUS.test(callerId) ? null : callerId,
    callerName: absent(callerName) ? null : callerName!,
    dnid: absent(dnid) ? null : dnid!,
    extension: env.get('extension')!,
    uniqueId: env.get('uniqueid')!,
    channel: env.get('channel')!,
    args,
  };
}
