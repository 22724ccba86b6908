/**
 * Field mapping (the seeds' "mapping files"): how one provider's fields become the bridge's.
 * Which field names the agent and how its value becomes an extension (a table, a pattern, or the
 * value itself); how numbers arrive (E.164, national, international digits, behind a prefix) and
 * how the bar and the records get them. Validated when the bridge starts (zod): a mapping that
 * cannot work is a configuration error, not a call that goes nowhere.
 */
import { z } from 'zod';
import { formatForDial, isRegion, normalizePhone } from '../phone/normalize';

export const EXTENSION = /^[0-9A-Za-z*#_-]{1,32}$/;

const regexWithGroup = z
  .string()
  .max(512)
  .refine(
    (s) => {
      try {
        return new RegExp(`${s}|`).exec('')!.length >= 2;
      } catch {
        return false;
      }
    },
    { message: 'must be a regular expression with a capturing group (the extension), e.g. ^sip:(\\d+)@' },
  );

export const AgentMapping = z
  .object({
    /** The provider's field naming the agent (each driver says which it has: user, userId, extension, sipId…). */
    field: z.string().min(1).max(64),
    /** Provider value -> extension (user names, user ids, SIP ids). Checked first. */
    map: z.record(z.string().max(255), z.string().regex(EXTENSION, 'must be an extension (digits, letters, * # _ -)')).default({}),
    /** A regular expression whose first group is the extension (`^sip:(\d+)@`); else the value itself must be one. */
    pattern: regexWithGroup.optional(),
  })
  .strict();
export type AgentMapping = z.infer<typeof AgentMapping>;

export const NumberMapping = z
  .object({
    /** How the provider writes outside numbers: `+33612345678`, `0612345678`, or `33612345678` (international digits, no +). */
    arrive: z.enum(['e164', 'national', 'international']).default('e164'),
    /** A prefix the provider puts before outside numbers (an outside-line 0), removed first. */
    stripPrefix: z.string().regex(/^[0-9+*#]{1,8}$/, 'must be 1-8 digits, +, * or #').optional(),
    /** The merchant's country (ISO 3166 code), for national numbers. */
    country: z.string().refine((c) => isRegion(c), { message: 'must be a country code like FR' }).default('FR'),
    /** How the bar and the records get them: E.164, or national digits (`0612345678`) as many PBXs show them. */
    present: z.enum(['e164', 'national']).default('e164'),
  })
  .strict();
export type NumberMapping = z.infer<typeof NumberMapping>;

export class FieldMapper {
  private readonly pattern: RegExp | undefined;

  constructor(
    private readonly agents: AgentMapping,
    private readonly numbers: NumberMapping,
  ) {
    this.pattern = agents.pattern !== undefined ? new RegExp(agents.pattern) : undefined;
  }

  /** The field the agent is read from. */
  get agentField(): string {
    return this.agents.field;
  }

  /** The extension a provider's agent value stands for, or undefined (unknown agent). */
  extension(value: unknown): string | undefined {
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    const v = String(value).trim();
    if (v === '') return undefined;
    const mapped = Object.prototype.hasOwnProperty.call(this.agents.map, v) ? this.agents.map[v] : undefined;
    if (mapped !== undefined) return mapped;
    if (this.pattern) {
      const g = this.pattern.exec(v)?.[1];
      return g !== undefined && EXTENSION.test(g) ? g : undefined;
    }
    return EXTENSION.test(v) && Object.keys(this.agents.map).length === 0 ? v : undefined;
  }

  /**
   * An outside number as the bar shows it: '' when withheld (`anonymous`), the digits as they
   * came when they are no phone number (a short service number), else per `present`.
   */
  number(value: unknown): string {
    if (typeof value !== 'string' && typeof value !== 'number') return '';
    let v = String(value).trim();
    if (v === '' || /^(anonymous|unknown|restricted|private)$/i.test(v)) return '';
    const n = this.numbers;
    if (n.stripPrefix && v.startsWith(n.stripPrefix) && v.length > n.stripPrefix.length) v = v.slice(n.stripPrefix.length);
    if (n.arrive === 'international' && /^[1-9][0-9]{6,14}$/.test(v)) v = `+${v}`;
    const parsed = normalizePhone(v, n.country);
    if (!parsed.ok) return v.replace(/[^0-9+*#]/g, '').slice(0, 32);
    return n.present === 'e164' ? parsed.e164 : formatForDial(parsed.e164, 'national', n.country);
  }
}
