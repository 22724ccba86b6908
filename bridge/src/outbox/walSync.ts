import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import path from 'node:path';

/** How a file descriptor is synced: node's fs by default; tests hold it to see who waits for what. */
export interface FsyncFns {
  fsync(fd: number, done: (err: NodeJS.ErrnoException | null) => void): void;
  fsyncSync(fd: number): void;
}

const nodeFsync: FsyncFns = { fsync, fsyncSync };
const noop = (): void => undefined;

/**
 * The outbox's own WAL sync under sync 'full'. SQLite's synchronous=FULL fsyncs the WAL inside
 * COMMIT, on the event loop: 0.2 ms idle, several under a broker writing to the same disk, and the
 * AMI link and every delivery wait meanwhile. So the connection commits with synchronous=NORMAL
 * (WAL frames written, not synced; still crash-safe for the process) and this fsyncs the WAL file
 * in libuv's thread pool; a record is acknowledged once an fsync that began after its commit is
 * done. One fsync at a time: commits made while one runs share the next (group commit again).
 *
 * The WAL keeps its inode while the outbox's connection is open (SQLite removes it only when the
 * last connection closes; a checkpoint rewinds or truncates it in place), so one descriptor,
 * opened at the first sync, serves for the store's life. Checkpoints sync the WAL and the
 * database themselves.
 */
export class WalSync {
  private fd?: number;
  private running?: Promise<void>;
  private next?: Promise<void>;
  private closing = false;

  constructor(
    private readonly dbFile: string,
    private readonly fns: FsyncFns = nodeFsync,
    /** Called at each fsync of the WAL (counted by the store for the bench and the tests). */
    private readonly onFsync: () => void = noop,
  ) {}

  /** Resolves once everything written to the WAL before this call is on disk. */
  flush(): Promise<void> {
    if (this.next) return this.next;
    if (!this.running) return this.begin();
    // The fsync running may have begun before the caller's commit: the next one covers it.
    const next = this.running.then(noop, noop).then(() => {
      this.next = undefined;
      return this.begin();
    });
    this.next = next;
    return next;
  }

  /** Synchronous flush, for the store's one-record writes (the CLI's retry, put()). */
  flushSync(): void {
    this.fns.fsyncSync(this.descriptor());
    this.onFsync();
  }

  /** Resolves once no fsync is running or waiting (before the file is closed). */
  async settled(): Promise<void> {
    while (this.running || this.next) await (this.next ?? this.running)!.catch(noop);
  }

  /** Closes the descriptor now, or after the fsync in flight (never under it: its number could be reused). */
  close(): void {
    this.closing = true;
    if (!this.running) this.release();
  }

  private begin(): Promise<void> {
    const p = new Promise<void>((resolve, reject) => {
      let fd: number;
      try {
        fd = this.descriptor();
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      this.onFsync();
      this.fns.fsync(fd, (err) => (err ? reject(new Error(`could not sync the outbox's WAL to disk: ${err.code ?? ''} ${err.message}`.trim())) : resolve()));
    });
    this.running = p;
    const done = () => {
      if (this.running === p) this.running = undefined;
      if (this.closing && !this.running) this.release();
    };
    p.then(done, done);
    return p;
  }

  private descriptor(): number {
    if (this.closing) throw new Error('the call-log outbox is closed');
    if (this.fd === undefined) {
      this.fd = openSync(`${this.dbFile}-wal`, 'r');
      // The WAL's directory entry, once: a file created since the last directory sync may
      // otherwise be missing after a power cut, whatever was synced into it.
      try {
        const dir = openSync(path.dirname(path.resolve(this.dbFile)), 'r');
        try {
          this.fns.fsyncSync(dir);
        } finally {
          closeSync(dir);
        }
      } catch {
        // some systems cannot sync a directory; the file's own syncs still hold
      }
    }
    return this.fd;
  }

  private release(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
