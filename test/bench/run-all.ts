/** `npm run bench`: every benchmark, one after the other, printing their figures. */
import { run as sessionNavigation } from './sessionNavigation.bench';
import { run as ringToCard } from './ringToCard.bench';
import { run as phoneLookup } from './phoneLookup.bench';
import { run as outbox } from './outbox.bench';
import { run as campaign } from './campaign.bench';
import { run as softphone } from './softphone.bench';
import { run as callModelSoak } from './callModelSoak.bench';
import { run as amiParser } from './amiParser.bench';
import { run as navigationFrames } from './navigationFrames.bench';
import { run as limits } from './limits.bench';
import { run as pageBundleSize } from './pageBundleSize.bench';
import { run as routing } from './routing.bench';
import { run as analytics } from './analytics.bench';
import { run as phonebook } from './phonebook.bench';
import { run as phoneDirectory } from './phoneDirectory.bench';
import { run as cluster } from './cluster.bench';

const BENCHES: Array<[string, () => Promise<void>]> = [
  ['session across navigation (issue 2)', sessionNavigation],
  ['ring-to-card latency and bundle sizes (issue 4)', ringToCard],
  ['caller lookup on MariaDB, index vs naive (issue 4)', phoneLookup],
  ['call-log outbox throughput (issue 6)', outbox],
  ['campaign build and claims (issue 8)', campaign],
  ['softphone audio gap after navigation (issue 7)', softphone],
  ['call model on 1,000,000 real events: open calls and heap (issue 12)', callModelSoak],
  ['ami parser: framer and call model vs asterisk-manager, 2,000 concurrent calls (issue 12)', amiParser],
  ['phone bar frames during 30 navigations mid-call, first-paint restore vs off (issue 13)', navigationFrames],
  ['page bundle size: what every admin page loads, gzip -9, vs the 30 kB budget (issue 13)', pageBundleSize],
  ['limits: commands per second through the bridge, abuse limits on (defaults) vs off (issue 14)', limits],
  ['routing: FastAGI route decisions on a warm cache of 1,000,000 numbers vs a bare Map lookup, and with Magento slow (issue 15)', routing],
  ['call analytics: dashboard on 10,000,000 calls and 2,000,000 orders, aggregates vs raw calls, rebuild and maintenance cost (issue 16)', analytics],
  ['phone book REST: full pull of 1,000,000 customers page by page, as the bridge does, vs the bare keyset query (issue 17)', phonebook],
  ['desk-phone directory: name-prefix search over 1,000,000 customers, in memory and through HTTP, vs the bare indexed SQL prefix query (issue 17)', phoneDirectory],
  ['cluster: 2,000 agents and 200 ring groups of 10 on two bridges sharing Redis vs one bridge alone, fan-out, memory, failover after SIGKILL (issue 18)', cluster],
];

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
