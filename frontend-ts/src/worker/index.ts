import { SessionHub } from '../session/sessionHub';
import { provideSoftphone } from '../session/softphone';
import { engineSoftphone } from '../session/softphone/hubSoftphone';
import { startPopoutSip } from '../popout/popoutSip';
import { BUILD_ID, startedByThisBuild } from '../shared/buildId';

// Softphone mode: sip.js lives in this bundle, never in the page bundle.
provideSoftphone(engineSoftphone);

/**
 * Entry of the worker bundle. In a SharedWorker it serves every admin page and tab of the
 * origin. Loaded as a plain script in a page (browsers without SharedWorker), it exposes the
 * same session on a MessageChannel, so the page client speaks one protocol either way.
 */
interface SharedScope {
  onconnect: ((ev: MessageEvent) => void) | null;
}

declare const SharedWorkerGlobalScope: { new (): unknown } | undefined;

const g = globalThis as unknown as Record<string, unknown>;

if (typeof SharedWorkerGlobalScope !== 'undefined' && globalThis instanceof (SharedWorkerGlobalScope as unknown as typeof Object)) {
  // Pages name the worker after their build; the worker URL serves the bundle deployed now. A page
  // older than the deploy gets code of another build: it is told so and nothing else (it trusts
  // the worker's messages without a schema, page/workerMessages.ts).
  const sameBuild = startedByThisBuild((globalThis as unknown as { name?: string }).name ?? '');
  const hub = sameBuild ? new SessionHub('shared-worker') : null;
  (globalThis as unknown as SharedScope).onconnect = (ev: MessageEvent) => {
    const port = ev.ports[0];
    if (port && hub) hub.addPort(port);
    else port?.postMessage({ type: 'notice', level: 'error', code: 'build_mismatch', message: 'the page and the worker come from different builds' });
  };
} else if (typeof window !== 'undefined') {
  let hub: SessionHub | null = null;
  // The pop-out phone window runs sip.js itself where the worker dies with each page.
  g.BandeauPopoutSip = { start: startPopoutSip };
  g.BandeauInPageSession = {
    /** The page checks it loaded the session of its own build (page/sessionLink.ts). */
    build: BUILD_ID,
    connect(): MessagePort {
      hub ??= new SessionHub('in-page');
      const channel = new MessageChannel();
      hub.addPort(channel.port2);
      return channel.port1;
    },
  };
}
