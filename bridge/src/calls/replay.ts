/**
 * Replays a recorded AMI stream through the framer and the call model, as
 * `bandeau-bridge replay` does. Client `Action:` blocks (transcripts that
 * interleave both directions) are skipped; responses are ignored.
 *
 * Time comes from the stream itself: the `Timestamp` header when present,
 * else the epoch seconds at the start of the latest Uniqueid, so results
 * do not depend on when the replay runs. Events before the first time the
 * stream gives (a click-to-call channel with a chosen id) wait for it.
 */
import { AmiFramer, type FramerLimits } from '../ami/framer';
import type { AmiMessage } from '../ami/message';
import { CallModel } from './model';
import type { CallModelConfigInput } from './config';
import type { CallRecord } from './record';
import type { Call } from '../protocol/messages';

export interface ReplayResult {
  /** Finished calls, in the order they ended. */
  records: CallRecord[];
  /** Calls still in progress at the end of the stream (ended_at null). */
  open: CallRecord[];
  warnings: string[];
  errors: string[];
  events: number;
  skippedActions: number;
}

export interface ReplaySession {
  push(chunk: Buffer | string): void;
  end(): ReplayResult;
}

const UNIQUEID_EPOCH = /(?:^|[^0-9])(\d{9,11})\.\d+$/;
/** Most events held back while the stream has not told the time yet. */
const MAX_UNTIMED = 10_000;

export interface ReplayOptions {
  limits?: Partial<FramerLimits>;
  onRecord?: (r: CallRecord) => void;
  /** Each view the model pushes, with the agents it goes to (what their bars would show). */
  onUpdate?: (call: Call, extensions: string[]) => void;
}

export function createReplay(config: CallModelConfigInput = {}, options: ReplayOptions = {}): ReplaySession {
  let clock = 0;
  const model = new CallModel(config, { now: () => clock });
  const result: ReplayResult = { records: [], open: [], warnings: [], errors: [], events: 0, skippedActions: 0 };
  model.on('ended', (r: CallRecord) => {
    result.records.push(r);
    options.onRecord?.(r);
  });
  const onUpdate = options.onUpdate;
  if (onUpdate) model.on('update', (call: Call, exts: string[]) => onUpdate(call, exts));
  const advance = (m: AmiMessage): void => {
    const t = Number(m.get('timestamp'));
    if (Number.isFinite(t) && t > 0) {
      clock = Math.max(clock, Math.round(t * 1000));
      return;
    }
    for (const key of ['uniqueid', 'destuniqueid', 'linkedid']) {
      const u = m.get(key);
      const e = u !== undefined ? UNIQUEID_EPOCH.exec(u) : null;
      if (e) clock = Math.max(clock, Number(e[1]) * 1000);
    }
  };
  const untimed: AmiMessage[] = [];
  const drain = (): void => {
    for (const m of untimed.splice(0)) model.handleEvent(m);
  };
  const framer = new AmiFramer(
    {
      message: (m) => {
        const kind = m.kind;
        if (kind === 'action') {
          result.skippedActions++;
          return;
        }
        if (kind !== 'event') return;
        result.events++;
        advance(m);
        if (clock === 0 && untimed.length < MAX_UNTIMED) {
          untimed.push(m);
          return;
        }
        drain();
        model.handleEvent(m);
      },
      warning: (r) => result.warnings.push(r),
      error: (r) => result.errors.push(r),
    },
    options.limits,
  );
  return {
    push: (chunk) => framer.push(chunk),
    end: () => {
      framer.end();
      drain();
      result.open = model.openRecords();
      return result;
    },
  };
}

/** Replays a whole buffer. */
export function replayBuffer(input: Buffer | string, config: CallModelConfigInput = {}): ReplayResult {
  const s = createReplay(config);
  s.push(input);
  return s.end();
}
