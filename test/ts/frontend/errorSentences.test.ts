/**
 * Errors are sentences in the agent's language, never codes: every code the bridge or the worker
 * can send (found in their source, not only in the list) has a sentence, and that sentence is in
 * en_US.csv and, translated, in fr_FR.csv.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ERROR_CODES } from '../../../bridge/src/protocol/errorCodes';
import { ERROR_SENTENCES, errorSentence } from '../../../frontend-ts/src/page/errorSentences';
import { makeTranslator } from '../../../frontend-ts/src/page/strings';

const ROOT = path.resolve(__dirname, '../../..');
const I18N = path.join(ROOT, 'app/code/Bandeau/Cti/i18n');

function dictionary(locale: string): Map<string, string> {
  const rows = parse(readFileSync(path.join(I18N, `${locale}.csv`), 'utf8'), { relax_column_count: true }) as string[][];
  return new Map(rows.map((r) => [r[0] as string, r[1] as string]));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Codes the code base can put in an `error` message or an error notice, read from the source. */
function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /new CommandError\(\s*'([a-z_]+)'/g,
    /new TokenError\(\s*'([a-z_]+)'/g,
    /fail\(\s*'([a-z_]+)'/g,
    /type: 'error', code: '([a-z_]+)'/g,
    /level: 'error', code: '([a-z_]+)'/g,
    /readonly code = '([a-z_]+)'/g,
    /\{ code: '([a-z_]+)' \}\)/g,
    /: '(token_[a-z_]+)'/g,
  ];
  // The bridge, the worker, and the page's link to it (Magento's own endpoints answer in their own words).
  const page = ['sessionLink.ts', 'index.ts'].map((f) => path.join(ROOT, 'frontend-ts/src/page', f));
  for (const file of [...sources(path.join(ROOT, 'bridge/src')), ...sources(path.join(ROOT, 'frontend-ts/src/worker')), ...page]) {
    if (file.includes(`${path.sep}demo${path.sep}`)) continue;
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) found.set(m[1]!, path.relative(ROOT, file));
  }
  // CommandErrorCode and TokenError's union types list the codes the classes may carry.
  const control = readFileSync(path.join(ROOT, 'bridge/src/calls/callControl.ts'), 'utf8');
  const union = /export type CommandErrorCode =([^;]+);/.exec(control)![1]!;
  for (const m of union.matchAll(/'([a-z_]+)'/g)) found.set(m[1]!, 'bridge/src/calls/callControl.ts');
  const token = readFileSync(path.join(ROOT, 'bridge/src/auth/agentToken.ts'), 'utf8');
  for (const m of /readonly code: ([^,]+),/.exec(token)![1]!.matchAll(/'([a-z_]+)'/g)) found.set(m[1]!, 'bridge/src/auth/agentToken.ts');
  return found;
}

describe('every error the agent can be told is a sentence', () => {
  const en = dictionary('en_US');
  const fr = dictionary('fr_FR');

  it('the bridge and the worker send no code outside protocol/errorCodes.ts', () => {
    const known = new Set<string>(ERROR_CODES);
    const unknown = [...codesInSource()].filter(([code]) => !known.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(unknown).toEqual([]);
    // The scan does find them (guards the patterns themselves).
    expect(codesInSource().size).toBeGreaterThan(20);
  });

  it.each([...ERROR_CODES])('%s has a sentence in en_US and fr_FR', (code) => {
    const sentence = ERROR_SENTENCES[code];
    expect(sentence).toMatch(/^[A-Z].*[.…]$/);
    if (code.includes('_')) expect(sentence).not.toContain(code);
    expect(en.get(sentence)).toBe(sentence);
    const french = fr.get(sentence);
    expect(french).toBeTruthy();
    expect(french).not.toBe(sentence);
  });

  it('the page shows the sentence in the agent\'s language, and a code it does not know as a sentence too', () => {
    const t = makeTranslator(Object.fromEntries(fr));
    expect(errorSentence({ code: 'token_forged' }, t)).toBe("La passerelle téléphonique ne reconnaît pas les jetons d'agent de ce Magento : leur secret partagé diffère. Contactez un administrateur.");
    expect(errorSentence({ code: 'not_held_here' }, t)).toBe('Cet appel a été mis en attente depuis le téléphone : reprenez-le depuis le téléphone.');
    expect(errorSentence({ code: 'some_future_code' }, t)).toBe("L'action a échoué. Réessayez.");
    // A refused number says why, from the dial box's reasons.
    expect(errorSentence({ code: 'invalid_target', reason: 'extension_transfer' }, makeTranslator(undefined))).toBe('A transfer cannot go to a number with an extension.');
  });
});
