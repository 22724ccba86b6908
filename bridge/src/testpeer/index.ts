export { AmiTestPeer, newUniqueid, type AmiTestPeerOptions, type OriginateOutcome } from './peer';
export { rewriteForPlayback, PlaybackRewriter } from './rewrite';
export type { PeerChannel } from './builders';
export { RecordedPlayer } from './recordedPlayer';
export { RecordedFlow, type FlowInfo } from './recordedFlow';
export { SCENARIOS, scenarioByName, type ScenarioSpec } from './scenarios';
export { defaultCapturesDir, loadRecording, RecordingUnavailableError, CAPTURES_ENV } from './recording';
