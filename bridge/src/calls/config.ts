import { z } from 'zod';

const regexString = z
  .string()
  .max(512)
  .refine(
    (s) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );

/**
 * How channel events map to calls: which contexts and channel names mean
 * what on this PBX. Defaults fit a stock FreePBX.
 */
export const CallModelConfig = z.object({
  /** Contexts where agents' phones start their calls. */
  internalContexts: z.array(z.string().max(80)).max(64).default(['from-internal']),
  /** Contexts where calls from the public network start. */
  inboundContexts: z.array(z.string().max(80)).max(64).default(['from-trunk', 'from-pstn', 'from-did-direct', 'ext-did']),
  /** Channel names of trunks (regular expressions). Default: a SIP/PJSIP/IAX2 peer not named by digits, and DAHDI. */
  trunkChannelPatterns: z.array(regexString).max(64).default(['^(?:PJSIP|SIP|IAX2)/(?!\\d+-[0-9a-fA-F]+$)[^/]+-[0-9a-fA-F]+$', '^DAHDI/']),
  /** An agent's device channel; group 1 is the extension. */
  agentChannelPattern: regexString.default('^(?:PJSIP|SIP|IAX2)/(\\d{2,6})-[0-9a-fA-F]+$'),
  /** An internal extension number (transfer targets, internal dialling). */
  extensionPattern: regexString.default('^\\d{2,6}$'),
  /**
   * Local channels that stand for an extension (queues, follow-me, ring groups):
   * group 1 is the extension, e.g. `Local/7006@from-queue-00000a;1`.
   */
  localChannelPattern: regexString.default('^Local/(\\d{2,6})@'),
  /** Dialplan applications that mean the caller reached voicemail. */
  voicemailApplications: z.array(z.string().max(64)).max(16).default(['VoiceMail']),
  /** How many ended channel ids to remember so late events do not resurrect them. */
  endedMemory: z.number().int().min(100).max(1_000_000).default(20_000),
  /**
   * Every this many seconds the live channels are checked against the PBX's (CoreShowChannels),
   * ending calls whose end was missed; 0 turns the periodic check off (it still runs on each
   * AMI login).
   */
  reconcileIntervalS: z.number().int().min(0).max(86_400).default(60),
});
export type CallModelConfig = z.infer<typeof CallModelConfig>;
export type CallModelConfigInput = z.input<typeof CallModelConfig>;

/** How agent commands become AMI actions. */
export const CallControlConfig = z.object({
  /** The agent's own device for click-to-call: `{ext}` is replaced by the extension. */
  agentChannelTemplate: z.string().max(128).regex(/\{ext\}/).default('PJSIP/{ext}'),
  /** Dialplan context used to dial customers and transfer targets. */
  dialContext: z.string().max(80).regex(/^[A-Za-z0-9_.-]+$/).default('from-internal'),
  transferContext: z.string().max(80).regex(/^[A-Za-z0-9_.-]+$/).default('from-internal'),
  /** Caller ID shown on the agent's phone while it rings: `{number}` is the customer's number. */
  callerIdTemplate: z.string().max(128).default('Bandeau <{number}>'),
  /** How long the agent's phone rings before the originate gives up. */
  originateTimeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
  /** Region for numbers typed without a country code (ISO 3166 alpha-2). */
  defaultRegion: z.string().regex(/^[A-Za-z]{2}$/).default('FR'),
  /** What the dialplan expects: +33612345678 (e164), 33612345678 (digits) or 0612345678 (national). */
  dialFormat: z.enum(['e164', 'digits', 'national']).default('e164'),
  /**
   * PBX feature codes agents may dial and transfer to (`*97` voicemail, `*7002` someone's
   * voicemail…), matched whole; '' allows none. Internal extensions follow calls.extensionPattern.
   * Magento's configuration, when the agent token carries it, takes the place of both.
   */
  featureCodePattern: regexString.default('\\*[0-9]{2,6}'),
  blindTransferMethod: z.enum(['blindtransfer', 'redirect']).default('blindtransfer'),
  /** park: Park action; moh-redirect: Redirect the far party to holdContext (and the agent to holdAgentContext), unhold with Bridge. */
  holdMethod: z.enum(['park', 'moh-redirect']).default('moh-redirect'),
  holdContext: z.string().max(80).regex(/^[A-Za-z0-9_.-]+$/).default('bandeau-hold'),
  holdAgentContext: z.string().max(80).regex(/^[A-Za-z0-9_.-]+$/).default('bandeau-hold-agent'),
  holdExten: z.string().max(80).regex(/^[A-Za-z0-9_*#+-]+$/).default('s'),
  parkinglot: z.string().max(80).regex(/^[A-Za-z0-9_.-]+$/).optional(),
  dtmfDurationMs: z.number().int().min(40).max(2000).default(100),
  /** Click-to-call to a number with an extension: pause between the answer and its DTMF. */
  extensionDelayMs: z.number().int().min(0).max(30_000).default(2000),
  /** Permission that allows click-to-call. */
  dialPermission: z.string().max(64).default('dial'),
});
export type CallControlConfig = z.infer<typeof CallControlConfig>;
export type CallControlConfigInput = z.input<typeof CallControlConfig>;
