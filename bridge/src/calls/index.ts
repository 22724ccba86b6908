export { CallModel, type ChannelView, type ResyncToken, type OriginateExpectation, type CallModelOptions, type ReconcileResult } from './model';
export { CallModelConfig, CallControlConfig, type CallModelConfigInput, type CallControlConfigInput } from './config';
export { CallRecord, CALL_RECORD_KEYS } from './record';
export { CallControl, CommandError, type AgentRef, type AmiActionSender, type CommandErrorCode, type CallControlOptions } from './callControl';
export { connectModelToAmi } from './link';
export { createReplay, replayBuffer, type ReplayResult, type ReplaySession, type ReplayOptions } from './replay';
export { ChannelClassifier, type ChannelKind } from './classify';
