import { parseArgs } from 'node:util';
import { agiRequestLines, runFastAgi, type FastAgiOptions } from '../testpeer/agiClient';

/**
 * Asks a routing server where a call from a number goes, exactly as Asterisk's
 * `AGI(agi://127.0.0.1:4573/route)` does (the test peer's FastAGI client), and prints the
 * exchange and the channel variables it left:
 *
 *   npx tsx bridge/src/demo/tryRoute.ts +33612345678 [--host 127.0.0.1] [--port 4573] [--dnid 7001]
 */
const USAGE = 'usage: tsx bridge/src/demo/tryRoute.ts <caller number> [--host 127.0.0.1] [--port 4573] [--dnid 7001] [--quiet]';

export async function tryRoute(argv: string[], out: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '4573' }, dnid: { type: 'string', default: '7001' }, quiet: { type: 'boolean', default: false } },
    });
  } catch (err) {
    out(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const port = Number(values.port);
  if (positionals.length !== 1 || !/^\d{1,5}$/.test(values.port) || port > 65535) {
    out(USAGE);
    return 2;
  }
  const o: FastAgiOptions = { host: values.host, port, script: 'route', callerId: positionals[0]!, dnid: values.dnid, timeoutMs: 10_000 };
  if (!values.quiet) {
    out(`-> ${agiRequestLines(o).join('-> ').trimEnd()}`);
  }
  const t0 = Date.now();
  const r = await runFastAgi(o);
  const ms = Date.now() - t0;
  if (!r.connected) {
    out(`could not connect to ${values.host}:${port} (is \`npm run demo\` or the bridge with routing running?)`);
    return 1;
  }
  if (!values.quiet) {
    // One answer per SET VARIABLE; anything after (the HANGUP Asterisk writes at the end) follows.
    r.commands.forEach((c, i) => out(`<- ${c}\n-> ${r.answers[i] ?? ''}`));
    for (const a of r.answers.slice(r.commands.length)) out(`-> ${a}`);
    out('');
  }
  for (const [k, v] of r.variables) if (k.startsWith('BANDEAU_') || k === 'AGISTATUS') out(`${k}=${v}`);
  out(`(${ms} ms, closed by the ${r.closedBy})`);
  return r.agiStatus === 'SUCCESS' ? 0 : 1;
}

if (require.main === module) {
  void tryRoute(process.argv.slice(2), (line) => console.log(line)).then((code) => {
    process.exitCode = code;
  });
}
