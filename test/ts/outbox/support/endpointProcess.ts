/**
 * The contract endpoint as a process of its own (forked with IPC by `spawnEndpoint`): the test
 * drives it with messages {id, cmd, arg} and gets {id, result | error} back.
 */
import { ContractEndpoint } from './contractEndpoint';

type Cmd = 'stats' | 'down' | 'up' | 'set' | 'stored';

const endpoint = new ContractEndpoint(process.env.ENDPOINT_TOKEN ?? 'test-token');

async function run(cmd: Cmd, arg: unknown): Promise<unknown> {
  switch (cmd) {
    case 'stats':
      return endpoint.getStats();
    case 'stored':
      return Object.fromEntries(endpoint.stored);
    case 'down':
      return endpoint.down();
    case 'up':
      return endpoint.up();
    case 'set':
      return endpoint.set(arg as Parameters<ContractEndpoint['set']>[0]);
  }
}

process.on('message', (m: { id: number; cmd: Cmd; arg?: unknown }) => {
  run(m.cmd, m.arg).then(
    (result) => process.send?.({ id: m.id, result: result ?? null }),
    (err: unknown) => process.send?.({ id: m.id, error: String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));

endpoint.start(Number(process.env.ENDPOINT_PORT ?? 0)).then(
  (port) => process.send?.({ ready: true, port, url: endpoint.url }),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
