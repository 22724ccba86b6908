import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_ROUTING_RULES } from '../../../bridge/src/demo/demoRouting';

const ROOT = path.resolve(__dirname, '../../..');
const SOUNDS = path.join(ROOT, 'bridge/sounds');
const CONFIG_XML = path.join(ROOT, 'app/code/Bandeau/Cti/etc/config.xml');

/** The chunks of a RIFF/WAVE file, as Asterisk's format_wav reads them. */
function wavInfo(buf: Buffer) {
  expect(buf.toString('ascii', 0, 4)).toBe('RIFF');
  expect(buf.readUInt32LE(4)).toBe(buf.length - 8);
  expect(buf.toString('ascii', 8, 12)).toBe('WAVE');
  let fmt: { format: number; channels: number; rate: number; byteRate: number; align: number; bits: number } | null = null;
  let dataBytes = -1;
  for (let off = 12; off + 8 <= buf.length; ) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ') fmt = { format: buf.readUInt16LE(off + 8), channels: buf.readUInt16LE(off + 10), rate: buf.readUInt32LE(off + 12), byteRate: buf.readUInt32LE(off + 16), align: buf.readUInt16LE(off + 20), bits: buf.readUInt16LE(off + 22) };
    if (id === 'data') dataBytes = size;
    off += 8 + size + (size % 2);
  }
  return { fmt, dataBytes };
}

/** Every `bandeau/...` message the shipped default rules name (the demo's and, once it has them, the module's config.xml). */
function defaultMessages(): string[] {
  const names = new Set(DEMO_ROUTING_RULES.rules.map((r) => r.message).filter((m) => m !== ''));
  // The module's defaults: the rule rows' `"message":"…"` in etc/config.xml.
  if (existsSync(CONFIG_XML)) for (const m of readFileSync(CONFIG_XML, 'utf8').matchAll(/"message":"([^"]+)"/g)) names.add(m[1]!);
  return [...names].sort();
}

describe('routing sound prompts (bridge/sounds)', () => {
  const messages = defaultMessages();

  it('the default rules name the four prompts', () => {
    expect(messages).toEqual(expect.arrayContaining(['bandeau/order-being-prepared', 'bandeau/order-on-its-way', 'bandeau/payment-problem', 'bandeau/welcome-back']));
  });

  for (const lang of ['en', 'fr']) {
    it(`every message of the default rules has an 8 kHz mono 16-bit PCM WAV in ${lang}`, () => {
      for (const message of messages) {
        const file = path.join(SOUNDS, lang, `${message}.wav`);
        expect(existsSync(file) ? file : `missing: ${file}`).toBe(file);
        const { fmt, dataBytes } = wavInfo(readFileSync(file));
        // What Asterisk's `wav` format (format_wav.c) plays: PCM (1), mono, 8000 Hz, 16 bits.
        expect(fmt).toEqual({ format: 1, channels: 1, rate: 8000, byteRate: 16_000, align: 2, bits: 16 });
        // Speech, not a click: over a second and a half, under 20 s.
        expect(dataBytes).toBeGreaterThan(1.5 * 16_000);
        expect(dataBytes).toBeLessThan(20 * 16_000);
      }
    });
  }

  it('the prompts are not silence', () => {
    const buf = readFileSync(path.join(SOUNDS, 'fr', 'bandeau', 'order-being-prepared.wav'));
    let peak = 0;
    for (let i = 44; i + 1 < buf.length; i += 2) peak = Math.max(peak, Math.abs(buf.readInt16LE(i)));
    expect(peak).toBeGreaterThan(8_000);
  });

  it('the generator script names the same prompts it wrote', () => {
    const script = readFileSync(path.join(SOUNDS, 'generate.sh'), 'utf8');
    for (const message of messages) expect(script).toContain(`"${message.replace(/^bandeau\//, '')}|`);
  });
});
