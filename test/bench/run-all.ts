/** `npm run bench`: every benchmark, one after the other, printing their figures. */
import { run as sessionNavigation } from './sessionNavigation.bench';

const BENCHES: Array<[string, () => Promise<void>]> = [['session across navigation (issue 2)', sessionNavigation]];

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const [name, run] of BENCHES) {
    if (only && !name.includes(only)) continue;
    console.log(`\n=== ${name}`);
    await run();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
