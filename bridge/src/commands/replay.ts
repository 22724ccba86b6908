import fs from 'node:fs';
import { Command } from 'commander';
import { CallModelConfig } from '../calls/config';
import { createReplay } from '../calls/replay';

export interface ReplayOptions {
  config?: string;
  includeOpen?: boolean;
  verbose?: boolean;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const processIo: CliIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

function loadModelConfig(file: string): CallModelConfig {
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  // Either a call-model config, or a bridge config holding one under "calls".
  const candidate = raw && typeof raw === 'object' && 'calls' in raw ? (raw as { calls: unknown }).calls : raw;
  const r = CallModelConfig.safeParse(candidate ?? {});
  if (!r.success) {
    const why = r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`invalid call model config in ${file}: ${why}`);
  }
  return r.data;
}

/**
 * Replays a recorded AMI stream and prints one JSON line per finished call
 * (keys: call_id, linked_ids, direction, from, to, rung, answered_by,
 * disposition, started_at, answered_at, ended_at, duration_s, talk_s).
 * Resolves with the exit code.
 */
export async function runReplay(file: string, opts: ReplayOptions = {}, io: CliIo = processIo): Promise<number> {
  let config: CallModelConfig;
  try {
    config = opts.config ? loadModelConfig(opts.config) : CallModelConfig.parse({});
  } catch (err) {
    io.err(`replay: ${(err as Error).message}`);
    return 2;
  }
  const session = createReplay(config, { onRecord: (r) => io.out(JSON.stringify(r)) });
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = fs.createReadStream(file);
      stream.on('data', (chunk) => session.push(chunk as Buffer));
      stream.on('error', reject);
      stream.on('end', () => resolve());
    });
  } catch (err) {
    io.err(`replay: cannot read ${file}: ${(err as Error).message}`);
    return 1;
  }
  const result = session.end();
  if (opts.includeOpen) for (const r of result.open) io.out(JSON.stringify(r));
  if (opts.verbose) {
    for (const w of result.warnings) io.err(`replay: warning: ${w}`);
    for (const e of result.errors) io.err(`replay: error: ${e}`);
  }
  io.err(
    `replay: ${result.events} events, ${result.records.length} finished call(s), ${result.open.length} still in progress at the end` +
      `${opts.includeOpen || result.open.length === 0 ? '' : ' (--include-open prints them)'}, ` +
      `${result.warnings.length} framing warning(s), ${result.errors.length} framing error(s), ${result.skippedActions} client action(s) skipped`,
  );
  return 0;
}

/** `bandeau-bridge replay FILE [--config F]` */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .argument('<file>', 'recorded AMI stream (raw server bytes, or a transcript with client Action: blocks)')
    .option('--config <file>', 'JSON call-model config (or a bridge config with a "calls" key)')
    .option('--include-open', 'also print calls still in progress when the stream ends (ended_at null)')
    .option('--verbose', 'print each framing warning on stderr')
    .description('print one JSON line per finished call found in a recorded AMI stream')
    .action(async (file: string, opts: ReplayOptions) => {
      process.exitCode = await runReplay(file, opts);
    });
}
