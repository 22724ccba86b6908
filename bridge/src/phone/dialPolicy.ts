import { z } from 'zod';

const Prefix = z.string().regex(/^\+[0-9]{0,15}$/, 'must be an E.164 prefix: "+" then digits, like "+3389" (or "+" alone for every number)');

/**
 * Which outside numbers agents may dial or transfer to, by E.164 prefix (premium rate, other
 * countries…). The longest matching prefix decides; on a tie `deny` wins. A number no prefix
 * matches is allowed when `allow` is empty, refused otherwise. Extensions and feature codes are
 * not concerned (the dial rules decide those). Empty lists (the default): no policy.
 */
export const DialPolicyConfig = z
  .object({
    allow: z.array(Prefix).max(1000).default([]),
    deny: z.array(Prefix).max(1000).default([]),
  })
  .strict();
export type DialPolicyConfig = z.infer<typeof DialPolicyConfig>;

export class DialPolicy {
  private readonly allow: string[];
  private readonly deny: string[];

  constructor(config: Partial<DialPolicyConfig> = {}) {
    this.allow = [...new Set(config.allow ?? [])];
    this.deny = [...new Set(config.deny ?? [])];
  }

  /** Whether an outside number (E.164) may be called; the matching prefix says why not. */
  check(e164: string): { allowed: true } | { allowed: false; prefix: string | null } {
    const allowLen = longest(this.allow, e164);
    const denyLen = longest(this.deny, e164);
    if (denyLen >= 0 && denyLen >= allowLen) return { allowed: false, prefix: e164.slice(0, denyLen) };
    if (allowLen >= 0 || this.allow.length === 0) return { allowed: true };
    return { allowed: false, prefix: null };
  }

  get empty(): boolean {
    return this.allow.length === 0 && this.deny.length === 0;
  }
}

/** Length of the longest prefix of `list` that starts `n`, or -1. */
function longest(list: string[], n: string): number {
  let best = -1;
  for (const p of list) if (p.length > best && n.startsWith(p)) best = p.length;
  return best;
}
