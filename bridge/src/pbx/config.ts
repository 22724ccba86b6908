/**
 * `pbx` in the bridge's configuration: a hosted PBX's driver and its field mapping, checked
 * when the bridge starts (an Asterisk is configured under `ami` instead).
 */
import { z } from 'zod';
import { AgentMapping, EXTENSION, NumberMapping } from './mapping';
import { GENERIC_AGENT_FIELDS } from './webhook/generic';
import { SIPGATE_AGENT_FIELDS } from './webhook/sipgate';
import { PLACETEL_AGENT_FIELDS } from './webhook/placetel';
import { createPublicKey } from 'node:crypto';

const Token = z.string().min(32, 'must be at least 32 characters (generate one with `openssl rand -hex 32`)').max(256).regex(/^\S+$/, 'must not contain spaces');
const Ext = z.string().regex(EXTENSION, 'must be an extension');
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

const PublicKeyPem = z
  .string()
  .max(8192)
  .refine(
    (pem) => {
      try {
        return createPublicKey(pem).asymmetricKeyType === 'rsa';
      } catch {
        return false;
      }
    },
    { message: "must be sipgate's RSA public key in PEM (-----BEGIN PUBLIC KEY-----…)" },
  );

export const SipgateConfig = z
  .object({
    driver: z.literal('sipgate'),
    /** sipgate's public key: verifies X-Sipgate-Signature on every push. */
    publicKey: PublicKeyPem,
    /** The push URL as sipgate reaches it (`https://cti.example.com/pbx/webhook/sipgate`), named in the answer to newCall. */
    webhookUrl: z.url({ protocol: /^https?$/ }).max(2048),
    agents: agentsFrom(SIPGATE_AGENT_FIELDS, 'userId'),
    numbers: NumberMapping.prefault({ arrive: 'international' }),
    /** Click-to-call through the REST API; absent, the bar offers no dialling. */
    clickToCall: z
      .object({
        baseUrl: z.url({ protocol: /^https?$/ }).max(2048).default('https://api.sipgate.com/v2'),
        tokenId: z.string().min(1).max(128),
        token: z.string().min(1).max(256),
        devices: z.record(Ext, z.string().regex(/^[a-z][0-9]{1,6}$/, 'must be a sipgate device id like e0 or p0')),
        callerId: z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'must be an E.164 number').optional(),
        timeoutMs: z.number().int().min(500).max(30_000).default(5000),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SipgateConfig = z.infer<typeof SipgateConfig>;

export const PlacetelConfig = z
  .object({
    driver: z.literal('placetel'),
    /** The shared secret of placetel's External APIs page: X-PLACETEL-SIGNATURE is the HMAC-SHA256 of each body with it. */
    secret: z.string().min(16, 'must be at least 16 characters').max(256),
    /** The SIP user (peer, `7777abcdefg@fpbx.de`) -> extension, or a pattern. */
    agents: agentsFrom(PLACETEL_AGENT_FIELDS, 'peer'),
    numbers: NumberMapping.prefault({ arrive: 'national', country: 'DE' }),
    /** Called number (as placetel sends it) -> the extensions whose bars ring; absent: every mapped agent. */
    ring: z.record(z.string().max(64), z.array(Ext).min(1).max(64)).default({}),
    /** Click-to-call through placetel's REST API (`POST /v2/calls`); absent, the bar offers no dialling. */
    clickToCall: z
      .object({
        baseUrl: z.url({ protocol: /^https?$/ }).max(2048).default('https://api.placetel.de/v2'),
        /** The API token of placetel's web portal (Settings > API). */
        token: z.string().min(1).max(256),
        /** Extension -> the SIP user that rings first (`7777abcdefg@fpbx.de`). */
        devices: z.record(Ext, z.string().regex(/^[^\s@]{1,64}@[A-Za-z0-9.-]{1,253}$/, 'must be a SIP user like 7777abcdefg@fpbx.de')),
        timeoutMs: z.number().int().min(500).max(30_000).default(5000),
      })
      .strict()
      .optional(),
  })
  .strict();
export type PlacetelConfig = z.infer<typeof PlacetelConfig>;

export const PbxConfig = z.discriminatedUnion('driver', [GenericWebhookConfig, SipgateConfig, PlacetelConfig]);
export type PbxConfig = z.infer<typeof PbxConfig>;
export type PbxConfigInput = z.input<typeof PbxConfig>;
