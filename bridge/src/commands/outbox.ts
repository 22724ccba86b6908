import { existsSync, readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { OutboxStore, OUTBOX_STATUSES, type OutboxEntry, type OutboxStatus } from '../outbox/store';
import { outboxPath } from '../outbox/config';
import type { CliIo } from './replay';

const processIo: CliIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

export interface OutboxCliOptions {
  /** Bridge config file (its callLog.path names the outbox); env BANDEAU_CONFIG. */
  config?: string;
  /** The outbox file itself, overriding the config. */
  db?: string;
}

class CliError extends Error {
  constructor(message: string, readonly code = 1) {
    super(message);
  }
}

/** The outbox file named by --db, or by callLog.path of the config (default bandeau-outbox.sqlite). */
export function resolveOutboxFile(opts: OutboxCliOptions, env: NodeJS.ProcessEnv = process.env): string {
  if (opts.db) return outboxPath({ path: opts.db });
  const file = opts.config ?? env.BANDEAU_CONFIG;
  let p = 'bandeau-outbox.sqlite';
  if (file) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new CliError(`cannot read config file ${file}: ${(err as Error).message}`, 78);
    }
    const callLog = (raw as { callLog?: { path?: unknown } } | null)?.callLog;
    if (callLog?.path !== undefined) {
      if (typeof callLog.path !== 'string' || callLog.path === '') throw new CliError(`${file}: callLog.path must be a file name`, 78);
      p = callLog.path;
    }
  }
  return outboxPath({ path: p });
}

function open(opts: OutboxCliOptions, readonly: boolean): OutboxStore {
  const file = resolveOutboxFile(opts);
  if (!existsSync(file)) throw new CliError(`no outbox at ${file} (start the bridge with callLog, or name it with --db / --config)`);
  return new OutboxStore(file, { readonly });
}

const iso = (t: number | null): string => (t === null ? '-' : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'));

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** A record by row id (digits) or by call id. */
function find(store: OutboxStore, ref: string): OutboxEntry {
  const e = /^\d+$/.test(ref) ? store.get(Number(ref)) ?? store.get(ref) : store.get(ref);
  if (!e) throw new CliError(`no record ${JSON.stringify(ref)} in the outbox`);
  return e;
}

function run(io: CliIo, body: () => number): number {
  try {
    return body();
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`outbox: ${err.message}`);
      return err.code;
    }
    io.err(`outbox: ${(err as Error).message}`);
    return 1;
  }
}

export function runOutboxList(opts: OutboxCliOptions & { status?: OutboxStatus; limit?: number; json?: boolean }, io: CliIo = processIo): number {
  return run(io, () => {
    const store = open(opts, true);
    try {
      const entries = store.list({ ...(opts.status ? { status: opts.status } : {}), ...(opts.limit ? { limit: opts.limit } : {}) });
      if (opts.json) {
        io.out(JSON.stringify(entries, null, 2));
        return 0;
      }
      const c = store.counts();
      io.out(`${store.db.name}: ${c.pending} pending, ${c.failed} failed, ${c.delivered} delivered`);
      if (entries.length === 0) {
        io.out(opts.status ? `no ${opts.status} records` : 'the outbox is empty');
        return 0;
      }
      const rows = entries.map((e) => [
        String(e.id),
        e.callId,
        e.status,
        String(e.attempts),
        iso(e.createdAt),
        e.status === 'delivered' ? `delivered ${iso(e.deliveredAt)}` : e.status === 'pending' ? `next ${iso(e.nextAttemptAt)}` : `since ${iso(e.updatedAt)}`,
        cut(e.lastError ?? '', 100),
      ]);
      for (const l of table(['ID', 'CALL ID', 'STATUS', 'ATTEMPTS', 'CREATED', 'WHEN', 'LAST ERROR'], rows)) io.out(l);
      return 0;
    } finally {
      store.close();
    }
  });
}

export function runOutboxRetry(refs: string[], opts: OutboxCliOptions & { all?: boolean }, io: CliIo = processIo): number {
  return run(io, () => {
    if (!opts.all && refs.length === 0) throw new CliError('name the records to retry (id or call id), or --all', 2);
    if (opts.all && refs.length > 0) throw new CliError('give either record ids or --all, not both', 2);
    const store = open(opts, false);
    try {
      if (opts.all) {
        const n = store.retryFailed();
        io.out(n === 0 ? 'no failed records' : `${n} failed record(s) set back to pending`);
        return 0;
      }
      let status = 0;
      for (const ref of refs) {
        const e = find(store, ref);
        if (e.status !== 'failed') {
          io.err(`outbox: record ${e.id} (${e.callId}) is ${e.status}, not failed: left as it is`);
          status = 1;
          continue;
        }
        store.retryFailed(e.id);
        io.out(`record ${e.id} (${e.callId}) set back to pending`);
      }
      return status;
    } finally {
      store.close();
    }
  });
}

export function runOutboxPurge(
  refs: string[],
  opts: OutboxCliOptions & { olderThan?: number; yes?: boolean },
  io: CliIo = processIo,
): number {
  return run(io, () => {
    if (opts.olderThan === undefined && refs.length === 0) throw new CliError('give --older-than DAYS (delivered records) or record ids with --yes', 2);
    if (opts.olderThan !== undefined && refs.length > 0) throw new CliError('give either --older-than or record ids, not both', 2);
    const store = open(opts, false);
    try {
      if (opts.olderThan !== undefined) {
        const n = store.purgeDelivered(Date.now() - opts.olderThan * 86_400_000);
        io.out(`${n} delivered record(s) older than ${opts.olderThan} day(s) purged`);
        return 0;
      }
      const entries = refs.map((r) => find(store, r));
      if (!opts.yes) {
        for (const e of entries) io.err(`outbox: would delete record ${e.id} (${e.callId}, ${e.status})`);
        io.err('outbox: nothing deleted; add --yes to delete (a pending or failed record never reaches Magento then)');
        return 1;
      }
      for (const e of entries) {
        store.delete(e.id);
        io.out(`record ${e.id} (${e.callId}, ${e.status}) deleted`);
      }
      return 0;
    } finally {
      store.close();
    }
  });
}

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

function status(value: string): OutboxStatus {
  if (!(OUTBOX_STATUSES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${OUTBOX_STATUSES.join(', ')}`);
  return value as OutboxStatus;
}

/** `bandeau-bridge outbox list|retry|purge` */
export function registerOutboxCommand(program: Command): void {
  const outbox = program.command('outbox').description('inspect and act on the call-log outbox (works while the bridge runs)');
  const common = (c: Command) =>
    c.option('-c, --config <file>', 'bridge config file; its callLog.path names the outbox (env BANDEAU_CONFIG)').option('--db <file>', 'the outbox file itself');
  common(outbox.command('list'))
    .description('list the records (newest last): table, or --json')
    .option('--status <status>', `only records in this state (${OUTBOX_STATUSES.join(', ')})`, status)
    .option('--limit <n>', 'at most n records', positiveInt)
    .option('--json', 'print JSON (full records)')
    .action((opts: OutboxCliOptions & { status?: OutboxStatus; limit?: number; json?: boolean }) => {
      process.exitCode = runOutboxList(opts);
    });
  common(outbox.command('retry'))
    .description('set failed records back to pending, by id / call id or --all')
    .argument('[ids...]', 'record ids or call ids')
    .option('--all', 'every failed record')
    .action((ids: string[], opts: OutboxCliOptions & { all?: boolean }) => {
      process.exitCode = runOutboxRetry(ids, opts);
    });
  common(outbox.command('purge'))
    .description('delete delivered records older than N days, or given records with --yes')
    .argument('[ids...]', 'record ids or call ids to delete whatever their state (needs --yes)')
    .option('--older-than <days>', 'delete delivered records delivered more than this many days ago', positiveInt)
    .option('--yes', 'confirm deleting the named records')
    .action((ids: string[], opts: OutboxCliOptions & { olderThan?: number; yes?: boolean }) => {
      process.exitCode = runOutboxPurge(ids, opts);
    });
}
