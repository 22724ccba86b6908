import { retryDelayMs } from './connectionProblems';

/**
 * The bridges a session may use (issue 18, failover without a load balancer): every bridge
 * instance has its own AMI connection and call model and accepts the same agent tokens, so
 * when the current one cannot be reached the session moves on to the next one in the list.
 */

/** The config's list of bridges, in order, without duplicates; older configs carry one bridgeUrl. */
export function bridgeList(config: { bridgeUrl: string; bridgeUrls?: string[] | undefined }): string[] {
  const urls = config.bridgeUrls && config.bridgeUrls.length > 0 ? config.bridgeUrls : [config.bridgeUrl];
  return [...new Set(urls)];
}

export class BridgeRotation {
  private index = 0;
  /** Bridges that failed in a row since the last successful connection. */
  private failures = 0;

  constructor(readonly urls: readonly string[]) {
    if (urls.length === 0) throw new Error('no bridge URL');
  }

  current(): string {
    return this.urls[this.index] as string;
  }

  /** Whether there is another bridge to fall over to. */
  canFailOver(): boolean {
    return this.urls.length > 1;
  }

  /** Same bridges in the same order (a page's config that changes nothing). */
  sameAs(urls: readonly string[]): boolean {
    return urls.length === this.urls.length && urls.every((u, i) => u === this.urls[i]);
  }

  /** Connected: the next failure starts a new round. */
  connected(): void {
    this.failures = 0;
  }

  /**
   * The current bridge is unreachable: moves to the next one and says how long to wait first.
   * Straight away while some bridge of the list has not been tried since the last connection;
   * once every one failed, a growing delay (1 s, 2 s, 4 s… up to 30 s) per full round.
   */
  failOver(random: () => number = Math.random): { url: string; delayMs: number } {
    this.failures++;
    this.index = (this.index + 1) % this.urls.length;
    const rounds = Math.floor(this.failures / this.urls.length);
    return { url: this.current(), delayMs: rounds === 0 ? 0 : retryDelayMs(rounds, random) };
  }
}
