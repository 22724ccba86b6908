/**
 * Recorded AMI streams from the real Asterisk 22 test PBX (`../shared/asterisk/captures`,
 * beside the repository, never copied into it): `NAME.ami` holds the bytes Asterisk sent on
 * one AMI connection, `NAME.ami.sent` the actions sent on it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAll } from '../ami/framer';
import type { AmiMessage } from '../ami/message';

/** Environment variable that points at another captures directory. */
export const CAPTURES_ENV = 'BANDEAU_ASTERISK_CAPTURES';

/** `<repo>/../shared/asterisk/captures`, from bridge/src/testpeer (ts) or bridge/dist/testpeer (built). */
export function defaultCapturesDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[CAPTURES_ENV];
  if (fromEnv) return path.resolve(fromEnv);
  return path.resolve(__dirname, '../../../../shared/asterisk/captures');
}

/** The captures directory is missing or a capture cannot be read: says which path and why. */
export class RecordingUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordingUnavailableError';
  }
}

/** Why the directory cannot serve recordings, or null when it can. */
export function capturesProblem(dir: string): string | null {
  try {
    if (!statSync(dir).isDirectory()) return `${dir} is not a directory`;
  } catch {
    return `${dir} does not exist (set ${CAPTURES_ENV} to the directory holding the Asterisk captures)`;
  }
  return null;
}

export interface Recording {
  name: string;
  /**
   * What Asterisk sent, in order: events and the answers to the recorded scenario's actions.
   * The recorder's own session is left out (its Login and Logoff answers, FullyBooted, the AMI
   * SuccessfulAuth): the bridge gets those from the peer it logs in to.
   */
  messages: AmiMessage[];
  /** The actions the recorder sent (from NAME.ami.sent), Login and Logoff excluded. */
  sent: AmiMessage[];
}

const SESSION_IDS = new Set(['login-1', 'logoff-1']);

export function loadRecording(dir: string, name: string): Recording {
  if (!/^[a-z0-9_]+$/.test(name)) throw new RecordingUnavailableError(`invalid capture name ${JSON.stringify(name)}`);
  const problem = capturesProblem(dir);
  if (problem) throw new RecordingUnavailableError(`recorded Asterisk streams unavailable: ${problem}`);
  const file = path.join(dir, `${name}.ami`);
  if (!existsSync(file)) throw new RecordingUnavailableError(`capture ${file} is missing`);
  const parsed = parseAll(readFileSync(file));
  if (parsed.errors.length > 0) throw new RecordingUnavailableError(`capture ${file} does not parse: ${parsed.errors[0]}`);
  const messages = parsed.messages.filter((m) => {
    if (m.kind === 'response') return !SESSION_IDS.has(m.get('ActionID') ?? '');
    if (m.kind !== 'event') return false;
    if (m.event === 'FullyBooted') return false;
    return !(m.get('Service') === 'AMI' && /^(SuccessfulAuth|ChallengeSent|InvalidPassword|ChallengeResponseFailed)$/.test(m.event ?? ''));
  });
  const sentFile = `${file}.sent`;
  const sent = existsSync(sentFile) ? parseAll(readFileSync(sentFile)).messages.filter((m) => m.kind === 'action' && !SESSION_IDS.has(m.get('ActionID') ?? '')) : [];
  return { name, messages, sent };
}
