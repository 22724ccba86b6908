/** The real Asterisk 22 streams and variants built from them (not a test file). */
import fs from 'node:fs';
import path from 'node:path';

/** Recorded beside the repository, never inside it (see ../shared/asterisk/README.md). */
export const ASTERISK_DIR = path.resolve(__dirname, '../../../../shared/asterisk/captures');

export const ASTERISK_CAPTURES: string[] = fs
  .readdirSync(ASTERISK_DIR)
  .filter((f) => f.endsWith('.ami'))
  .sort()
  .map((f) => path.join(ASTERISK_DIR, f));

export function asteriskCapture(name: string): Buffer {
  return fs.readFileSync(path.join(ASTERISK_DIR, name));
}

/** One message block's first `Key` value (the raw stream's own text). */
function header(block: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|\\r\\n)${key}: ([^\\r\\n]*)`).exec(block);
  return m?.[1];
}

/**
 * queue_abandoned.ami as a FreePBX stream shows it: the queue members' Local channels are
 * never announced (`newchannels`: no Newchannel of theirs), or seen only in the caller's
 * AgentCalled/DialBegin/DialEnd (`all-own-events`: none of their own events, Hangup
 * included, and no LocalBridge), as the issue's FreePBX stream had them.
 */
export function freepbxQueueAbandoned(variant: 'newchannels' | 'all-own-events'): Buffer {
  const blocks = asteriskCapture('queue_abandoned.ami').toString('utf8').split('\r\n\r\n');
  const kept = blocks.filter((b) => {
    const ev = header(b, 'Event');
    const own = header(b, 'Channel')?.startsWith('Local/') === true;
    if (variant === 'newchannels') return !(ev === 'Newchannel' && own);
    return !own && ev !== 'LocalBridge';
  });
  return Buffer.from(kept.join('\r\n\r\n'), 'utf8');
}
