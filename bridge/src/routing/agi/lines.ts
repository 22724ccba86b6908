/**
 * Splits a byte stream into `\n`-terminated lines with a bound on what is held: a peer that
 * never sends a newline costs at most `maxPending` bytes before it is refused.
 */
export class LineOverflow extends Error {}

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private maxPending: number) {}

  /** Changes the bound (the header block and the answers have different ones). */
  limit(maxPending: number): void {
    this.maxPending = maxPending;
  }

  /** The complete lines in `chunk` (UTF-8, without `\n`); throws LineOverflow past the bound. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
      if (this.pendingBytes + nl - start > this.maxPending) throw new LineOverflow(`line longer than ${this.maxPending} bytes`);
      if (this.pending.length) {
        this.pending.push(chunk.subarray(start, nl));
        lines.push(Buffer.concat(this.pending).toString('utf8'));
        this.pending = [];
        this.pendingBytes = 0;
      } else {
        // Decoded from the chunk directly: no Buffer view per line (the common case, a whole
        // request or answer in one chunk, allocates only the strings).
        lines.push(chunk.toString('utf8', start, nl));
      }
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (this.pendingBytes + rest.length > this.maxPending) throw new LineOverflow(`line longer than ${this.maxPending} bytes`);
      // Copied: keeping a slice would pin the whole (up to 64 KiB) chunk.
      this.pending.push(Buffer.from(rest));
      this.pendingBytes += rest.length;
    }
    return lines;
  }
}
