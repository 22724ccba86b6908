/**
 * `pbx` in the bridge's configuration: a hosted PBX's driver and its field mapping, checked
 * when the bridge starts (an Asterisk is configured under `ami` instead).
 */
import { z } from 'zod';
import { AgentMapping, NumberMapping } from './mapping';
import { GENERIC_AGENT_FIELDS } from './webhook/generic';

const Token = z.string().min(32, 'must be at least 32 characters (generate one with `openssl rand -hex 32`)').max(256).regex(/^\S+$/, 'must not contain spaces');
const ReplayWindowS = z.number().int().min(10).max(3600).default(300);

const agentsFrom = (fields: readonly string[], dflt: string) =>
  AgentMapping.refine((a) => fields.includes(a.field), { message: `field must be one of ${fields.join(', ')}`, path: ['field'] }).prefault({ field: dflt });

export const GenericWebhookConfig = z
  .object({
    driver: z.literal('generic'),
    /** Shared with the PBX: sent as `Authorization: Bearer <token>`. */
    token: Token,
    /** Events whose `timestamp` is further than this from the bridge's clock are refused. */
    replayWindowS: ReplayWindowS,
    agents: agentsFrom(GENERIC_AGENT_FIELDS, 'user'),
    numbers: NumberMapping.prefault({}),
  })
  .strict();
export type GenericWebhookConfig = z.infer<typeof GenericWebhookConfig>;

export const PbxConfig = z.discriminatedUnion('driver', [GenericWebhookConfig]);
export type PbxConfig = z.infer<typeof PbxConfig>;
export type PbxConfigInput = z.input<typeof PbxConfig>;
