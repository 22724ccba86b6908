import { Command } from 'commander';
import { normalizePhone } from '../phone/normalize';
import type { CliIo } from './replay';

const processIo: CliIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

/**
 * Prints the E.164 form of `number`, with `;ext=12` (RFC 3966) when it has an extension; returns
 * the exit code (0, or 1 with a reason on stderr).
 */
export function runPhone(number: string, opts: { country?: string } = {}, io: CliIo = processIo): number {
  const region = opts.country ?? process.env.BANDEAU_DEFAULT_REGION ?? 'FR';
  const r = normalizePhone(number, region);
  if (!r.ok) {
    io.err(`phone: ${JSON.stringify(number.slice(0, 40))} is refused: ${r.reason}`);
    return 1;
  }
  io.out(r.extension === undefined ? r.e164 : `${r.e164};ext=${r.extension}`);
  return 0;
}

/** `bandeau-bridge phone NUMBER [--country CC]` */
export function registerPhoneCommand(program: Command): void {
  program
    .command('phone')
    .argument('<number>', 'phone number as a person would type it')
    .option('--country <cc>', 'default region for numbers without +country code (ISO 3166, e.g. FR; env BANDEAU_DEFAULT_REGION; default FR)')
    .description('print the E.164 form of a phone number (and ;ext= its extension), or why it is refused (exit code 1)')
    .action((number: string, opts: { country?: string }) => {
      process.exitCode = runPhone(number, opts);
    });
}
