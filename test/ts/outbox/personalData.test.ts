/**
 * Phone numbers and names out of the logs and out of URLs (issue 14, point 5). A real recorded
 * Asterisk call (queue_answered: "Client Dupont" on 0612345678 answered by Bruno Petit on 7002)
 * goes through the whole bridge (AMI test peer → call model → caller lookup → outbox → Magento
 * stand-in) with every log line, at debug level, captured in memory. The call id is in the logs,
 * no digit run of the caller's number nor the caller's name is; the lookup carried the number in
 * its body, never in a URL; and the record still reached Magento with its number (nothing lost).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAll } from '../../../bridge/src/ami/framer';
import type { AmiMessage } from '../../../bridge/src/ami/message';
import { BridgeConfig } from '../../../bridge/src/config';
import { createLogger } from '../../../bridge/src/logger';
import { startRuntime } from '../../../bridge/src/runtime';
import { AmiTestPeer } from '../../../bridge/src/testpeer';
import { ORIGIN, TEST_SECRET, connect, token } from '../helpers/bridgeHarness';
import { asteriskCapture } from '../calls/streams';
import { ContractEndpoint } from './support/contractEndpoint';
import { waitFor } from './support/processes';

const events = (name: string): AmiMessage[] => parseAll(asteriskCapture(name)).messages.filter((m) => m.kind === 'event');

/** Every run of 6 digits of a number: a partial number leaking counts too. */
function digitRuns(number: string, min = 6): string[] {
  const digits = number.replace(/\D/g, '');
  const runs = new Set<string>();
  for (let i = 0; i + min <= digits.length; i++) runs.add(digits.slice(i, i + min));
  return [...runs];
}

it('a recorded call leaves its id in the logs, never its numbers or the caller\'s name, and its lookup never puts the number in a URL', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bandeau-personal-'));
  const lines: string[] = [];
  const peer = new AmiTestPeer();
  const endpoint = new ContractEndpoint('pd-token');
  const amiPort = await peer.start();
  await endpoint.start();
  const runtime = await startRuntime(
    BridgeConfig.parse({
      listen: { host: '127.0.0.1', port: 0 },
      secret: TEST_SECRET,
      allowedOrigins: [ORIGIN],
      ami: { host: '127.0.0.1', port: amiPort, username: 'bandeau', secret: 'bandeau-secret' },
      callLog: { path: path.join(dir, 'outbox.sqlite'), rest: { url: endpoint.url, token: 'pd-token' } },
    }),
    createLogger('debug', { write: (s: string) => void lines.push(s) }),
  );
  const agent = await connect(`http://127.0.0.1:${runtime.port}`, await token({ userId: 2, name: 'Bruno Petit', extension: '7002' }));
  try {
    await waitFor('the AMI login', () => runtime.ami?.ready);
    const played = peer.play(events('queue_answered.ami'));
    const id = played.find((m) => m.event === 'QueueCallerJoin')!.value('Linkedid')!;
    const stored = await waitFor('the record at Magento', () => endpoint.stored.get(id), 20_000);
    // Nothing lost: Magento has the call with its number.
    expect(stored).toMatchObject({ call_id: id, direction: 'inbound', from: '0612345678', agent_extension: '7002', disposition: 'answered' });
    await waitFor('the lookup', () => endpoint.lookups > 0);
    await waitFor('the delivery settled', () => lines.some((l) => /call ended/.test(l)));

    const log = lines.join('');
    expect(log).toContain(id);
    expect(JSON.parse(lines.find((l) => /"call ended"/.test(l))!)).toMatchObject({ callId: id, disposition: 'answered' });
    for (const run of digitRuns('0612345678')) expect(log).not.toContain(run);
    expect(log).not.toMatch(/Dupont/i);
    // The lookup: POST with the number in its body, no URL carrying it.
    expect(endpoint.requestLines.filter((l) => l.includes('/V1/bandeau/lookup'))).toEqual(expect.arrayContaining([expect.stringMatching(/^POST \S+\/V1\/bandeau\/lookup$/)]));
    for (const run of digitRuns('+33612345678')) for (const line of endpoint.requestLines) expect(line).not.toContain(run);

    // A caller ID broken over two lines by a bare CR (issue 14, point 2's number): the AMI reader
    // warns about the odd line, which it quotes; the digits are not in that warning.
    const before = lines.length;
    peer.sendRaw('Event: VarSet\r\nChannel: PJSIP/trunk-00000099\r\nCallerIDNum: +3369\r99999\r\n77 55 44 33 22\r\n\r\n');
    await waitFor('the protocol warning', () => lines.slice(before).some((l) => /AMI protocol warning/.test(l)));
    const warnings = lines.slice(before).join('');
    expect(warnings).not.toMatch(/99999|55 44 33/);
    expect(warnings).toContain('[redacted]');
  } finally {
    agent.close();
    await runtime.stop();
    await peer.stop();
    await endpoint.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
