/**
 * The recorded call flows the test peer can play, cut into the steps an agent lives through.
 * Every step is a slice of a real Asterisk 22 stream (../shared/asterisk/captures, see its
 * README): where each step starts in the recording, which bridge action plays it as Asterisk
 * answered that action, and how long after the previous step it came in the recording (from
 * the recording's CDR times, as the captures README describes the scenario).
 */
import type { CallDisposition } from '../protocol/messages';

/** Where a step starts in the recording. */
export type Boundary =
  /** The answer Asterisk gave to the recorded action with this ActionID (the step is what it did). */
  | { response: string }
  /** The first such event after the previous step's start (`channel`: the recorded channel name). */
  | { event: string; channel?: string; state?: string };

/** An action from the bridge that plays the step, as the real PBX answered it. */
export type Trigger =
  /** The recorded action with this ActionID; `match`: the fields that must be the same once played. */
  | { sent: string; match: string[] }
  /** A Hangup action on this recorded channel (the phone hung up in the recording; Asterisk's events are the same). */
  | { hangup: string };

export interface PhaseSpec {
  name: string;
  /** For people: `{role}` is replaced by the extension playing that role. */
  label: string;
  /** Absent on the first step, which starts with the recording. */
  startsAt?: Boundary;
  trigger?: Trigger;
  /** Milliseconds after the previous step in the recording (for playing at recorded pace). */
  afterMs: number;
}

export interface ScenarioSpec {
  name: string;
  label: string;
  /** Capture file name without `.ami`. */
  file: string;
  /** The trunk caller as recorded, replaced by the caller a demo or test chooses. */
  caller?: { number: string; name: string };
  /**
   * Every extension that appears in the recording, by role: `recorded` is the phone in the
   * stream, `played` the extension that plays it by default (the demo's agents are 7001 Alice
   * Martin and 7002 Bruno Petit).
   */
  roles: Record<string, { recorded: string; played: string }>;
  phases: PhaseSpec[];
  /** How the recorded call ends, for tests: its disposition and who answered (a role). */
  outcome: { disposition: CallDisposition; answeredBy: string | null };
}

/** Names of the test PBX endpoints (../shared/asterisk/etc/pjsip.conf), as they appear in caller ids. */
export const TEST_PBX_NAMES: Record<string, string> = {
  '7001': 'Alice Martin',
  '7002': 'Bruno Petit',
  '7003': 'Chloe Bernard',
  '7004': 'David Moreau',
  '7005': 'Emma Laurent',
  '7006': 'Fabien Roux',
};

/** The trunk caller of every inbound capture. */
const TRUNK_CALLER = { number: '0612345678', name: 'Client Dupont' };

export const SCENARIOS: ScenarioSpec[] = [
  {
    name: 'queue-answered',
    label: 'Queue call, answered',
    file: 'queue_answered',
    caller: TRUNK_CALLER,
    roles: { answerer: { recorded: '7002', played: '7001' }, member: { recorded: '7001', played: '7002' } },
    phases: [
      { name: 'ringing', label: 'Customer calls queue 88; {answerer} and {member} ring', afterMs: 0 },
      { name: 'answer', label: '{answerer} answers', startsAt: { event: 'Newstate', channel: 'PJSIP/7002-00000002', state: '6' }, afterMs: 3100 },
      { name: 'hangup', label: 'Customer hangs up', startsAt: { event: 'HangupRequest', channel: 'PJSIP/trunk-00000000' }, afterMs: 7900 },
    ],
    outcome: { disposition: 'answered', answeredBy: 'answerer' },
  },
  {
    name: 'queue-abandoned',
    label: 'Queue call, abandoned',
    file: 'queue_abandoned',
    caller: TRUNK_CALLER,
    roles: { memberA: { recorded: '7001', played: '7001' }, memberB: { recorded: '7002', played: '7002' } },
    phases: [
      { name: 'ringing', label: 'Customer calls queue 88; {memberA} and {memberB} ring', afterMs: 0 },
      { name: 'abandon', label: 'Customer gives up waiting', startsAt: { event: 'HangupRequest', channel: 'PJSIP/trunk-00000003' }, afterMs: 8000 },
    ],
    outcome: { disposition: 'abandoned', answeredBy: null },
  },
  {
    name: 'ring-group',
    label: 'Ring group',
    file: 'ringgroup_answered',
    caller: TRUNK_CALLER,
    roles: { answerer: { recorded: '7002', played: '7001' }, other: { recorded: '7001', played: '7002' } },
    phases: [
      { name: 'ringing', label: 'Customer calls 600; {answerer} and {other} ring', afterMs: 0 },
      { name: 'answer', label: '{answerer} answers', startsAt: { event: 'Newstate', channel: 'PJSIP/7002-00000010', state: '6' }, afterMs: 3000 },
      { name: 'hangup', label: 'Customer hangs up', startsAt: { event: 'HangupRequest', channel: 'PJSIP/trunk-0000000e' }, afterMs: 10_000 },
    ],
    outcome: { disposition: 'answered', answeredBy: 'answerer' },
  },
  {
    name: 'blind-transfer',
    label: 'Blind transfer',
    file: 'blind_transfer',
    roles: { transferer: { recorded: '7001', played: '7001' }, party: { recorded: '7002', played: '7005' }, target: { recorded: '7003', played: '7002' } },
    phases: [
      { name: 'ringing', label: '{transferer} calls {party}', afterMs: 0 },
      { name: 'answer', label: '{party} answers', startsAt: { event: 'Newstate', channel: 'PJSIP/7002-00000007', state: '6' }, afterMs: 2000 },
      { name: 'transfer', label: '{transferer} transfers to {target}', startsAt: { response: 'blind-1' }, trigger: { sent: 'blind-1', match: ['Channel', 'Exten'] }, afterMs: 2000 },
      { name: 'target-answers', label: '{target} answers', startsAt: { event: 'Newstate', channel: 'PJSIP/7003-00000008', state: '6' }, afterMs: 2000 },
      { name: 'hangup', label: '{target} hangs up', startsAt: { event: 'HangupRequest', channel: 'PJSIP/7003-00000008' }, trigger: { hangup: 'PJSIP/7003-00000008' }, afterMs: 6000 },
    ],
    outcome: { disposition: 'answered', answeredBy: 'party' },
  },
  {
    name: 'attended-transfer',
    label: 'Attended transfer',
    file: 'attended_transfer',
    roles: { transferer: { recorded: '7001', played: '7001' }, party: { recorded: '7002', played: '7005' }, target: { recorded: '7003', played: '7002' } },
    phases: [
      { name: 'ringing', label: '{transferer} calls {party}', afterMs: 0 },
      { name: 'answer', label: '{party} answers', startsAt: { event: 'Newstate', channel: 'PJSIP/7002-0000000a', state: '6' }, afterMs: 2000 },
      { name: 'transfer', label: '{transferer} consults {target} ({party} on hold)', startsAt: { response: 'atxfer-1' }, trigger: { sent: 'atxfer-1', match: ['Channel', 'Exten'] }, afterMs: 1000 },
      { name: 'target-answers', label: '{target} answers', startsAt: { event: 'Newstate', channel: 'PJSIP/7003-0000000b', state: '6' }, afterMs: 2000 },
      { name: 'complete', label: '{transferer} hangs up: transfer done', startsAt: { event: 'HangupRequest', channel: 'PJSIP/7001-00000009' }, trigger: { hangup: 'PJSIP/7001-00000009' }, afterMs: 9000 },
      { name: 'hangup', label: '{target} hangs up', startsAt: { event: 'HangupRequest', channel: 'PJSIP/7003-0000000b' }, trigger: { hangup: 'PJSIP/7003-0000000b' }, afterMs: 1000 },
    ],
    outcome: { disposition: 'answered', answeredBy: 'party' },
  },
  {
    name: 'hold',
    label: 'Hold from the phone',
    file: 'hold_unhold',
    roles: { holder: { recorded: '7001', played: '7001' }, party: { recorded: '7002', played: '7002' } },
    phases: [
      { name: 'ringing', label: '{holder} calls {party}', afterMs: 0 },
      { name: 'answer', label: '{party} answers', startsAt: { event: 'Newstate', channel: 'PJSIP/7002-0000000d', state: '6' }, afterMs: 2000 },
      { name: 'hold', label: '{holder} puts the call on hold', startsAt: { event: 'Hold', channel: 'PJSIP/7001-0000000c' }, afterMs: 3000 },
      { name: 'resume', label: '{holder} resumes', startsAt: { event: 'Unhold', channel: 'PJSIP/7001-0000000c' }, afterMs: 6000 },
      { name: 'hangup', label: '{holder} hangs up', startsAt: { event: 'HangupRequest', channel: 'PJSIP/7001-0000000c' }, trigger: { hangup: 'PJSIP/7001-0000000c' }, afterMs: 3000 },
    ],
    outcome: { disposition: 'answered', answeredBy: 'party' },
  },
  {
    name: 'park',
    label: 'Park and pick up',
    file: 'park',
    caller: TRUNK_CALLER,
    roles: { parker: { recorded: '7003', played: '7001' }, retriever: { recorded: '7002', played: '7002' } },
    phases: [
      { name: 'ringing', label: 'Customer calls {parker}', afterMs: 0 },
      { name: 'answer', label: '{parker} answers', startsAt: { event: 'Newstate', channel: 'PJSIP/7003-0000001b', state: '6' }, afterMs: 2000 },
      { name: 'park', label: '{parker} parks the customer on 71', startsAt: { response: 'park-1' }, trigger: { sent: 'park-1', match: ['Channel'] }, afterMs: 1000 },
      { name: 'pickup', label: '{retriever} dials 71 and takes the call', startsAt: { event: 'Newchannel', channel: 'PJSIP/7002-0000001c' }, afterMs: 4000 },
      { name: 'hangup', label: '{retriever} hangs up', startsAt: { event: 'HangupRequest', channel: 'PJSIP/7002-0000001c' }, trigger: { hangup: 'PJSIP/7002-0000001c' }, afterMs: 4000 },
    ],
    outcome: { disposition: 'answered', answeredBy: 'parker' },
  },
  {
    name: 'redirect-hold',
    label: 'Hold by Redirect, then transfer',
    file: 'redirect_hold',
    caller: TRUNK_CALLER,
    roles: { agent: { recorded: '7003', played: '7001' }, target: { recorded: '7005', played: '7002' } },
    phases: [
      { name: 'ringing', label: 'Customer calls {agent}', afterMs: 0 },
      { name: 'answer', label: '{agent} answers', startsAt: { event: 'Newstate', channel: 'PJSIP/7003-00000018', state: '6' }, afterMs: 2000 },
      { name: 'hold', label: 'Customer redirected to music on hold', startsAt: { response: 'redirect-1' }, trigger: { sent: 'redirect-1', match: ['Channel'] }, afterMs: 1000 },
      { name: 'transfer', label: 'Customer redirected to {target}', startsAt: { response: 'redirect-2' }, trigger: { sent: 'redirect-2', match: ['Channel', 'Exten'] }, afterMs: 5000 },
      { name: 'target-answers', label: '{target} answers', startsAt: { event: 'Newstate', channel: 'PJSIP/7005-00000019', state: '6' }, afterMs: 2000 },
      { name: 'hangup', label: 'Customer hangs up', startsAt: { event: 'HangupRequest', channel: 'PJSIP/trunk-00000017' }, afterMs: 17_000 },
    ],
    outcome: { disposition: 'answered', answeredBy: 'agent' },
  },
  {
    name: 'voicemail',
    label: 'Voicemail',
    file: 'voicemail',
    roles: { caller: { recorded: '7001', played: '7002' }, callee: { recorded: '7004', played: '7001' } },
    phases: [
      { name: 'ringing', label: '{caller} calls {callee}', afterMs: 0 },
      { name: 'voicemail', label: 'No answer: voicemail of {callee}', startsAt: { event: 'DialEnd', channel: 'PJSIP/7001-00000011' }, afterMs: 20_000 },
      { name: 'hangup', label: '{caller} hangs up after the message', startsAt: { event: 'SoftHangupRequest', channel: 'PJSIP/7001-00000011' }, trigger: { hangup: 'PJSIP/7001-00000011' }, afterMs: 11_000 },
    ],
    outcome: { disposition: 'voicemail', answeredBy: null },
  },
];

export function scenarioByName(name: string): ScenarioSpec | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
