export { AmiTestPeer, newUniqueid, type AmiTestPeerOptions, type OriginateOutcome } from './peer';
export { rewriteForPlayback } from './rewrite';
export type { PeerChannel } from './builders';
