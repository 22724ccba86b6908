export { AmiMessage, type AmiFields, type AmiKind } from './message';
export { AmiFramer, parseAll, DEFAULT_FRAMER_LIMITS, type FramerLimits, type FramerHandlers } from './framer';
export { encodeMessage, checkHeader, AmiFrameError } from './writer';
export { AmiConfig, type AmiConfigInput } from './config';
export { actions, md5Key, originateOutcome, ORIGINATE_REASON, type ActionFields, type OriginateOutcome } from './actions';
export { AmiActionError, AmiTimeoutError, AmiNotConnectedError } from './errors';
export { AmiClient, type AmiClientOptions, type AmiResult, type AmiClientState } from './client';
export { backoffDelay } from './backoff';
