import { webhookDemoCurls } from './demoPbxPanel';
import { DEMO_AGENTS, SHARED_NUMBER_CALLER } from './directory';
import type { RunningDemo } from './runDemo';

/**
 * What `bandeau-bridge demo` prints once it is up: where things are, how long the start took
 * (from `npm run demo`'s own start when it launched us), and what to try first.
 */
export function demoBanner(
  demo: Pick<RunningDemo, 'siteUrl' | 'bridgeUrl' | 'recordedFlowsProblem'> & { adminUrl?: string | null; routingUrl?: string | null; webhook?: RunningDemo['webhook']; capturesDir: string },
  readyInMs: number,
): string {
  const site = demo.siteUrl;
  const [alice, bruno] = DEMO_AGENTS;
  const indent = (lines: string[]) => lines.map((line) => `     ${line}`);
  const hook = demo.webhook;
  // What differs between a bridge fed by the AMI test peer and one fed by the generic webhook.
  const pbx = hook
    ? {
        where: [`  PBX              : generic JSON webhook, POST ${hook.url}`, `  Webhook token    : ${hook.token}  (send it as Authorization: Bearer <token>)`],
        ring: [
          `  2. Have a customer call you, as a hosted PBX tells the bridge (README, "Generic JSON webhook"): ring, answer, hang up with`,
          ...indent(webhookDemoCurls(hook.url, hook.token)),
          "     (the pages' PBX panel shows these commands too, with $TOKEN for the token).",
        ],
        sharedNumber: [
          `  3. One number, two customers: a call from ${SHARED_NUMBER_CALLER.number} (${SHARED_NUMBER_CALLER.label}); choose in the bar's chooser while it rings, then answer and hang up:`,
          ...indent(webhookDemoCurls(hook.url, hook.token, { callId: 'c2', from: SHARED_NUMBER_CALLER.number })),
        ],
        routing: "  7. Call routing: the routing server answers an Asterisk dialplan's AGI(); calls posted to the webhook were routed by their PBX and do not ask it.",
      }
    : {
        where: [
          demo.recordedFlowsProblem
            ? `  Recorded flows   : hidden, ${demo.recordedFlowsProblem}`
            : `  Recorded flows   : real Asterisk 22 calls from ${demo.capturesDir} (Demo PBX panel)`,
        ],
        ring: [
          `  2. Have a customer call you: in the yellow Demo PBX panel (top right) pick a caller, then "Ring ${alice?.extension}".`,
          '     Answer it there, then hold, transfer or hang up from the bar.',
        ],
        sharedNumber: [`  3. One number, two customers: ring from "${SHARED_NUMBER_CALLER.label}" and choose in the bar's chooser.`],
        routing: "  7. Call routing: each call asks the routing server first; the panel shows the answer (Camille Durand: order not shipped -> sales).",
      };
  return [
    '',
    'Bandeau DEMO: this is a demonstration, not a Magento installation and not a PBX.',
    `  Demo admin pages : ${site}/`,
    `  Bridge           : ${demo.bridgeUrl}/`,
    ...(demo.adminUrl ? [`  Bridge admin     : ${demo.adminUrl}/  (health ${demo.adminUrl}/healthz, metrics ${demo.adminUrl}/metrics; this machine only)`] : []),
    ...(demo.routingUrl ? [`  Call routing     : ${demo.routingUrl}  (FastAGI, as a dialplan's AGI() asks it)`] : []),
    ...pbx.where,
    `  Ready in ${(readyInMs / 1000).toFixed(1)} s`,
    '',
    'Next steps:',
    `  1. Open ${site}/ : you are ${alice?.name}, extension ${alice?.extension}; the phone bar sits bottom right.`,
    ...pbx.ring,
    ...pbx.sharedNumber,
    "  4. After a call, the customer's page lists it in its Calls tab (Open customer, in the bar's card).",
    `  5. A second agent: ${site}/?as=2 (${bruno?.name}, ${bruno?.extension}), in another browser or a private window.`,
    `  6. In French: ${site}/?lang=fr_FR (and ?lang=en_US to come back).`,
    ...(demo.routingUrl
      ? [pbx.routing, `     Ask it yourself: npx tsx bridge/src/demo/tryRoute.ts +33612345678 --port ${demo.routingUrl.replace(/^.*:(\d+)\/route$/, '$1')}`]
      : []),
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
