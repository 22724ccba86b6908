import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BANDEAU_VARIABLES } from '../../../bridge/src/routing/agi';

const ROOT = path.resolve(__dirname, '../../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const FILES = ['bridge/dialplan/asterisk-extensions.conf', 'bridge/dialplan/freepbx-extensions_custom.conf'];

/** The README's dialplan snippets: the files it names, shown as they are, reading only what the bridge sets. */
describe('call routing dialplan (README, bridge/dialplan)', () => {
  for (const file of FILES) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');

    it(`${file} is shown in the README exactly`, () => {
      expect(README).toContain(file);
      expect(README).toContain('```ini\n' + text + '```');
    });

    it(`${file} reads only BANDEAU_* variables the routing server sets`, () => {
      const read = new Set([...text.matchAll(/\$\{(BANDEAU_[A-Z_]+)\}/g)].map((m) => m[1]!));
      expect([...read].sort()).toEqual(['BANDEAU_CUSTOMER_NAME', 'BANDEAU_LANG', 'BANDEAU_MESSAGE', 'BANDEAU_PRIORITY', 'BANDEAU_ROUTE']);
      for (const v of read) expect(BANDEAU_VARIABLES).toContain(v);
      // And every BANDEAU_* name it mentions at all (Set targets included).
      for (const m of text.matchAll(/BANDEAU_[A-Z_]+/g)) expect(BANDEAU_VARIABLES).toContain(m[0]);
    });

    it(`${file} asks agi://127.0.0.1:4573/route and uses Asterisk's own names and syntax`, () => {
      expect(text).toContain('AGI(agi://127.0.0.1:4573/route)');
      // app_queue reads the caller's priority from QUEUE_PRIO (FreePBX sets it inherited: _QUEUE_PRIO).
      expect(text).toMatch(/Set\(_?QUEUE_PRIO=\$\{BANDEAU_PRIORITY\}\)/);
      expect(text).toContain('Set(CHANNEL(language)=${BANDEAU_LANG})');
      expect(text).toContain('Playback(${BANDEAU_MESSAGE})');
      expect(text).toContain('Set(CALLERID(name)=${BANDEAU_CUSTOMER_NAME})');
      const lines = text.split('\n');
      for (const line of lines.filter((l) => /ExecIf\(/.test(l))) {
        // ExecIf(<expr>?<app>(<args>)): a comma before the `?` would select the deprecated syntax.
        const m = /ExecIf\((\$\[.*?\])\?([A-Za-z]+)\((.*)\)\)$/.exec(line);
        expect(m ? line : `not ExecIf($[expr]?App(args)): ${line}`).toBe(line);
        expect(m![1]).not.toContain(',');
        // AST_NONSTANDARD_RAW_ARGS splits the apps on ':' — none in what ExecIf runs.
        expect(m![3]).not.toContain(':');
      }
      for (const line of lines.filter((l) => /GotoIf\(/.test(l))) expect(line).toMatch(/GotoIf\(\$?\{?[^?]+\?[^:]+:[^)]+\)/);
      // Every line of a context is an extension, a `same =>` continuation, a comment or blank.
      for (const line of lines) expect(line).toMatch(/^(|;.*|\[[a-z-]+\]|exten => [^,]+,1,[A-Za-z]+\(.*\)| same => n,[A-Za-z]+\(.*\))$/);
      // The contexts a Goto names exist here, or are the PBX's own (FreePBX / the test PBX's ext-queues).
      const contexts = new Set([...text.matchAll(/^\[([a-z-]+)\]$/gm)].map((m) => m[1]!));
      for (const m of text.matchAll(/Goto(?:If)?\([^)]*?([a-z]+-[a-z-]+),/g)) expect([...contexts, 'ext-queues']).toContain(m[1]);
    });
  }

  it('the test PBX routes its trunk calls through the same kind of from-trunk context', () => {
    const pbx = path.resolve(ROOT, '../shared/asterisk/etc/extensions.conf');
    let conf: string;
    try {
      conf = readFileSync(pbx, 'utf8');
    } catch {
      return; // the shared PBX files are not on every machine
    }
    expect(conf).toContain('[from-trunk]');
    expect(conf).toContain('exten => _X.,1,NoOp(Inbound call from ${CALLERID(all)} to DID ${EXTEN})');
    expect(readFileSync(path.join(ROOT, FILES[0]!), 'utf8')).toContain('exten => _X.,1,NoOp(Inbound call from ${CALLERID(all)} to DID ${EXTEN})');
  });
});
