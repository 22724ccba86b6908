/**
 * A FastAGI client that behaves as Asterisk 22 does when a dialplan runs
 * `AGI(agi://127.0.0.1:4573/route,arg1)`, for tests and the demo PBX. Written from Asterisk's
 * res/res_agi.c (22.x), behaviour for behaviour:
 *
 * - launch_netscript: connects (2 s connect timeout, MAX_AGI_CONNECT), writes `agi_network: yes`,
 *   then `agi_network_script: <path after host[:port]/>` only when that path is not empty;
 * - setup_env: the `agi_*` block in its fixed order, absent caller id/name, DNID and RDNIS as
 *   `unknown`, numbers as decimals, `agi_accountcode: ` even when empty, `agi_arg_N` for each
 *   argument after the URL, then an empty line;
 * - run_agi: reads command lines (at most 8191 bytes each, AGI_BUF_LEN), answers each one; the
 *   server closing ends AGI() with AGISTATUS=SUCCESS, a line starting with `failure` with FAILURE;
 *   when the channel hangs up it writes `HANGUP` (unless AGISIGHUP=no) and goes on in dead mode
 *   (commands not allowed on a dead channel get 511), or stops at once with AGIEXITONHANGUP=yes;
 *   after the loop it writes `HANGUP` again (unless AGISIGHUP=no) and closes;
 * - agi_handle_command/parse_args/find_command: words split on spaces and tabs, `"` toggles
 *   quoting, `\` escapes the next character, at most 127 words; commands matched case-insensitively
 *   by their words (extra words are arguments); unknown -> `510 Invalid or unknown command`,
 *   wrong argument count -> the `520-` usage block; SET VARIABLE -> `200 result=1`.
 *
 * Simulated command handlers: SET VARIABLE, GET VARIABLE, GET FULL VARIABLE (no expressions: the
 * argument is looked up as a variable name), NOOP, VERBOSE, ANSWER, HANGUP. Other Asterisk
 * commands are recognised (no 510) and answered `200 result=0` without doing anything.
 */
import { connect, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

export interface FastAgiOptions {
  host?: string;
  /** Default 4573. */
  port?: number;
  /** The path after `agi://host:port/` in the dialplan (`route`); '' sends no agi_network_script. */
  script?: string;
  /** agi_request as written in the dialplan; default `agi://<host>:<port>/<script>`. */
  url?: string;
  /** The AGI() arguments after the URL: agi_arg_1 … */
  args?: string[];
  /** Default `PJSIP/trunk-0000000N` (N counting calls in this process, as Asterisk numbers channels). */
  channel?: string;
  language?: string;
  /** Channel technology, agi_type. Default PJSIP. */
  type?: string;
  /** Default `<unix seconds>.<n>`, Asterisk's Uniqueid form. */
  uniqueId?: string;
  /** Default 22.10.1 (the test PBX). */
  version?: string;
  /** Caller number; null or '' is sent as `unknown`, as Asterisk does for an absent one. */
  callerId?: string | null;
  callerName?: string | null;
  callingPres?: number;
  callingAni2?: number;
  callingTon?: number;
  callingTns?: number;
  /** Dialled number; null or '' -> `unknown`. */
  dnid?: string | null;
  rdnis?: string | null;
  /** Default from-trunk (the test PBX's inbound context). */
  context?: string;
  /** Default the DNID, or `s`. */
  extension?: string;
  /** Default 2 (AGI() right after the NoOp of `exten => _X.,1,NoOp(...)`). */
  priority?: number;
  /** EAGI; default false (agi_enhanced 0.0). */
  enhanced?: boolean;
  accountCode?: string;
  /** agi_threadid; default a pthread_self()-like number. */
  threadId?: string;
  /** Channel variables before AGI() runs (SET VARIABLE adds to them, GET VARIABLE reads them). */
  variables?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** AGISIGHUP: write `HANGUP` to the server on hang-up and at the end. Default true. */
  sigHup?: boolean;
  /** AGIEXITONHANGUP: stop AGI() as soon as the channel hangs up. Default false. */
  exitOnHangup?: boolean;
  /** The caller hangs up after this many commands were answered (0: right after the request). */
  hangUpAfterCommands?: number;
  /** …or after this many milliseconds. */
  hangUpAfterMs?: number;
  /** A slow PBX: each answer is written this long after its command arrived (Asterisk answers at once). */
  answerDelayMs?: number;
  /** Replaces the answer to a command (e.g. to act as a broken PBX): the lines to write, or undefined for the normal answer. */
  answer?: (words: string[], line: string) => string[] | undefined;
  /** Guard for tests (Asterisk itself waits forever): closes and resolves after this long. Default 30000. */
  timeoutMs?: number;
  /** MAX_AGI_CONNECT: 2000. */
  connectTimeoutMs?: number;
}

export type AgiStatus = 'SUCCESS' | 'FAILURE' | 'HANGUP';

export interface FastAgiResult {
  /** The channel variables after AGI() returned: the initial ones, those set, and AGISTATUS. */
  variables: Map<string, string>;
  /** Every command line the server sent, in order. */
  commands: string[];
  /** Every line written back (the request block excepted), in order. */
  answers: string[];
  /** `server`: the server closed (the normal end); `client`: this side stopped (exit on hang-up, failure, timeout, no connection). */
  closedBy: 'server' | 'client';
  agiStatus: AgiStatus;
  connected: boolean;
  hungUp: boolean;
  timedOut: boolean;
}

export interface FastAgiCall {
  /** The caller hangs up now (as hangUpAfterMs would). */
  hangup(): void;
  done: Promise<FastAgiResult>;
}

/** res_agi.c: AGI_BUF_LEN (8192) minus fgets' terminating NUL. */
const LINE_MAX = 8191;
/** res_agi.c: MAX_ARGS. */
const MAX_ARGS = 128;

/** Asterisk's AGI commands: words, and whether they run on a dead channel (res_agi.c, commands[]). */
const COMMANDS: ReadonlyArray<readonly [string, boolean]> = [
  ['answer', false], ['asyncagi break', true], ['channel status', false], ['database del', true],
  ['database deltree', true], ['database get', true], ['database put', true], ['exec', true],
  ['get data', false], ['get full variable', true], ['get option', false], ['get variable', true],
  ['hangup', false], ['noop', true], ['receive char', false], ['receive text', false],
  ['record file', false], ['say alpha', false], ['say digits', false], ['say number', false],
  ['say phonetic', false], ['say date', false], ['say time', false], ['say datetime', false],
  ['send image', false], ['send text', false], ['set autohangup', false], ['set callerid', false],
  ['set context', false], ['set extension', false], ['set music', false], ['set priority', false],
  ['set variable', true], ['stream file', false], ['control stream file', false], ['tdd mode', false],
  ['verbose', true], ['wait for digit', false], ['speech create', false], ['speech set', false],
  ['speech destroy', true], ['speech load grammar', false], ['speech unload grammar', true],
  ['speech activate grammar', false], ['speech deactivate grammar', false], ['speech recognize', false],
];
const COMMAND_WORDS = COMMANDS.map(([words, dead]) => ({ words: words.split(' '), name: words, dead }));

/**
 * The usage text Asterisk prints for a command: its XML documentation's description, one line per
 * <para> (exact for SET VARIABLE; the spacing around inline elements of the others is approximate).
 */
const USAGE: Readonly<Record<string, string>> = {
  'set variable': 'Sets a variable to the current channel.',
  'get variable': 'Returns <literal>0</literal> if <replaceable>variablename</replaceable> is not set. Returns <literal>1</literal> if <replaceable>variablename</replaceable> is set and returns the variable in parentheses.\nExample return code: 200 result=1 (testvariable)',
  verbose: 'Sends <replaceable>message</replaceable> to the console via verbose message system. <replaceable>level</replaceable> is the verbose level (1-4). Always returns <literal>1</literal>',
};

/**
 * A command line split into words as Asterisk's parse_args does: spaces and tabs separate words
 * outside quotes, `"` toggles quoting (and starts a word when it opens one after white space, so
 * `""` is an empty word), `\` makes the next character literal, and words past the 127th are dropped.
 */
export function parseAgiArgs(line: string): string[] {
  const words: string[] = [];
  let cur: string | null = null;
  let quoted = false;
  let escaped = false;
  let whitespace = true;
  const literal = (c: string): void => {
    if (whitespace) {
      if (words.length + (cur === null ? 0 : 1) >= MAX_ARGS - 1) return; // "Too many arguments, truncating"
      if (cur !== null) words.push(cur);
      cur = '';
      whitespace = false;
    }
    cur += c;
    escaped = false;
  };
  for (const c of line) {
    if (c === '"') {
      if (escaped) {
        literal(c);
        continue;
      }
      quoted = !quoted;
      if (quoted && whitespace) {
        if (cur !== null) words.push(cur);
        cur = '';
        whitespace = false;
      }
      escaped = false;
    } else if (c === ' ' || c === '\t') {
      if (!quoted && !escaped) whitespace = true;
      else literal(c);
    } else if (c === '\\') {
      if (escaped) literal(c);
      else escaped = true;
    } else {
      literal(c);
    }
  }
  if (cur !== null) words.push(cur);
  return words;
}

/** find_command(words, 0): the first command whose words all match (case-insensitively) the first words given. */
function findCommand(words: string[]): (typeof COMMAND_WORDS)[number] | undefined {
  if (words.length === 0) return undefined;
  return COMMAND_WORDS.find((c) => c.words.length <= words.length && c.words.every((w, i) => w === words[i]!.toLowerCase()));
}

let channelSeq = 0;

/** Asterisk's `agi_request` value: the dialplan's URL. */
function agiUrl(o: FastAgiOptions): string {
  if (o.url !== undefined) return o.url;
  const host = (o.host ?? '127.0.0.1').includes(':') ? `[${o.host}]` : (o.host ?? '127.0.0.1');
  const script = o.script ?? 'route';
  return `agi://${host}:${o.port ?? 4573}${script ? `/${script}` : ''}`;
}

/**
 * The lines Asterisk writes before any command (launch_netscript, then setup_env), each with its
 * `\n`; the last is the empty line. `seq` numbers the default channel and Uniqueid.
 */
export function agiRequestLines(o: FastAgiOptions, seq = 1): string[] {
  const unknown = (v: string | null | undefined): string => (v === null || v === undefined || v === '' ? 'unknown' : v);
  const dnid = o.dnid ?? null;
  const script = o.script ?? 'route';
  const lines = ['agi_network: yes'];
  if (script !== '') lines.push(`agi_network_script: ${script}`);
  lines.push(
    `agi_request: ${agiUrl(o)}`,
    `agi_channel: ${o.channel ?? `PJSIP/trunk-${seq.toString(16).padStart(8, '0')}`}`,
    `agi_language: ${o.language ?? 'en'}`,
    `agi_type: ${o.type ?? 'PJSIP'}`,
    `agi_uniqueid: ${o.uniqueId ?? `${Math.floor(Date.now() / 1000)}.${seq}`}`,
    `agi_version: ${o.version ?? '22.10.1'}`,
    `agi_callerid: ${unknown(o.callerId)}`,
    `agi_calleridname: ${unknown(o.callerName)}`,
    `agi_callingpres: ${o.callingPres ?? 0}`,
    `agi_callingani2: ${o.callingAni2 ?? 0}`,
    `agi_callington: ${o.callingTon ?? 0}`,
    `agi_callingtns: ${o.callingTns ?? 0}`,
    `agi_dnid: ${unknown(dnid)}`,
    `agi_rdnis: ${unknown(o.rdnis)}`,
    `agi_context: ${o.context ?? 'from-trunk'}`,
    `agi_extension: ${o.extension ?? (dnid || 's')}`,
    `agi_priority: ${o.priority ?? 2}`,
    `agi_enhanced: ${o.enhanced ? '1.0' : '0.0'}`,
    `agi_accountcode: ${o.accountCode ?? ''}`,
    `agi_threadid: ${o.threadId ?? String(139_872_000_000_000 + seq * 4096)}`,
  );
  (o.args ?? []).forEach((a, i) => lines.push(`agi_arg_${i + 1}: ${a}`));
  lines.push('');
  return lines.map((l) => `${l}\n`);
}

/** Starts one AGI() run; `done` resolves when it returns (it never rejects). */
export function startFastAgi(o: FastAgiOptions): FastAgiCall {
  const seq = ++channelSeq;
  const variables = new Map<string, string>(o.variables instanceof Map ? o.variables : Object.entries(o.variables ?? {}));
  const commands: string[] = [];
  const answers: string[] = [];
  const sigHup = o.sigHup ?? true;
  let socket: Socket | undefined;
  let connected = false;
  let dead = false;
  let hungUp = false;
  let timedOut = false;
  let ended = false;
  let status: AgiStatus = 'SUCCESS';
  let pending = '';
  let finish!: (closedBy: 'server' | 'client') => void;
  const timers: NodeJS.Timeout[] = [];

  const done = new Promise<FastAgiResult>((resolve) => {
    finish = (closedBy) => {
      if (ended) return;
      ended = true;
      timers.forEach(clearTimeout);
      // After its loop Asterisk writes HANGUP once more (the server may have closed already), then closes.
      if (socket && connected && !socket.destroyed) {
        if (sigHup && socket.writable) write('HANGUP');
        socket.end();
        const s = socket;
        setTimeout(() => s.destroy(), 1000).unref();
      }
      variables.set('AGISTATUS', status);
      resolve({ variables, commands, answers, closedBy, agiStatus: status, connected, hungUp, timedOut });
    };
  });

  const write = (line: string): void => {
    answers.push(line);
    socket!.write(`${line}\n`);
  };

  /** The channel hangs up: Asterisk notices it in run_agi's loop (needhup). */
  const hangup = (): void => {
    if (ended || hungUp) return;
    hungUp = true;
    if (!connected) return;
    dead = true;
    if (status === 'SUCCESS') status = 'HANGUP';
    if (sigHup) write('HANGUP');
    if (o.exitOnHangup) finish('client');
  };

  const answer = (line: string): void => {
    if (/^failure/i.test(line)) {
      status = 'FAILURE';
      finish('client');
      return;
    }
    commands.push(line);
    const words = parseAgiArgs(line);
    const out = o.answer?.(words, line) ?? handle(words);
    const n = commands.length;
    const deliver = (): void => {
      if (ended) return;
      out.forEach(write);
      if (o.hangUpAfterCommands !== undefined && n >= o.hangUpAfterCommands) hangup();
    };
    if (o.answerDelayMs) timers.push(setTimeout(deliver, o.answerDelayMs));
    else deliver();
  };

  const handle = (words: string[]): string[] => {
    const c = findCommand(words);
    if (!c) return ['510 Invalid or unknown command'];
    if (dead && !c.dead) return ['511 Command Not Permitted on a dead channel or intercept routine'];
    const argc = words.length;
    const usage = (): string[] => {
      const text = USAGE[c.name];
      return text ? ['520-Invalid command syntax.  Proper usage follows:', text, '520 End of proper usage.'] : ['520 Invalid command syntax.  Proper usage not available.'];
    };
    switch (c.name) {
      case 'set variable':
        if (argc !== 4) return usage();
        variables.set(words[2]!, words[3]!);
        return ['200 result=1'];
      case 'get variable':
      case 'get full variable': {
        if (argc !== c.words.length + 1 && !(c.name === 'get full variable' && argc === 5)) return usage();
        const v = variables.get(words[c.words.length]!);
        return [v === undefined ? '200 result=0' : `200 result=1 (${v})`];
      }
      case 'verbose':
        return argc < 2 || argc > 3 ? usage() : ['200 result=1'];
      case 'hangup':
        setImmediate(hangup);
        return ['200 result=1'];
      default:
        return ['200 result=0'];
    }
  };

  const decoder = new StringDecoder('utf8');
  const onData = (chunk: Buffer): void => {
    pending += decoder.write(chunk);
    for (;;) {
      if (ended) return;
      const nl = pending.indexOf('\n');
      const head = nl < 0 ? pending : pending.slice(0, nl);
      if (Buffer.byteLength(head) >= LINE_MAX) {
        // fgets into an 8192-byte buffer: a longer line is read (and run) in 8191-byte pieces.
        const piece = Buffer.from(head).subarray(0, LINE_MAX).toString('utf8');
        pending = pending.slice(piece.length);
        answer(piece);
        continue;
      }
      if (nl < 0) return;
      pending = pending.slice(nl + 1);
      answer(head);
    }
  };

  // Half-open allowed: after the server's FIN Asterisk still writes its HANGUP, then closes.
  socket = connect({ host: o.host ?? '127.0.0.1', port: o.port ?? 4573, noDelay: true, allowHalfOpen: true });
  socket.setTimeout(o.connectTimeoutMs ?? 2000, () => {
    if (!connected) {
      status = 'FAILURE';
      socket!.destroy();
    }
  });
  socket.once('connect', () => {
    connected = true;
    socket!.setTimeout(0);
    // One write per line, as ast_agi_send does.
    for (const l of agiRequestLines(o, seq)) socket!.write(l);
    if (hungUp) {
      hungUp = false;
      hangup();
    }
    if (o.hangUpAfterCommands === 0) hangup();
  });
  socket.on('data', onData);
  socket.on('end', () => {
    // EOF: fgets returns what is left (a last line without `\n` still runs), then the script is done.
    if (pending !== '' && !ended) {
      const rest = pending;
      pending = '';
      answer(rest);
    }
    finish('server');
  });
  socket.on('error', () => {
    if (!connected) status = 'FAILURE';
  });
  socket.on('close', () => finish(connected ? 'server' : 'client'));
  if (o.hangUpAfterMs !== undefined) timers.push(setTimeout(hangup, o.hangUpAfterMs));
  timers.push(setTimeout(() => {
    timedOut = true;
    finish('client');
    socket?.destroy();
  }, o.timeoutMs ?? 30_000));
  return { hangup, done };
}

/** Runs one AGI() to its end: the channel variables it left, the commands seen, who closed. */
export function runFastAgi(o: FastAgiOptions): Promise<FastAgiResult> {
  return startFastAgi(o).done;
}
