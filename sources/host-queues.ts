// One p-queue per host, shared by every HTTP source of a run, so two sources on the same provincial
// platform together respect its concurrency and rate limits (the platform sees one polite client).
import PQueue from "p-queue";

export interface HostLimits {
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests started per second; undefined = no rate limit. */
  requestsPerSecond?: number;
}

export class HostQueues {
  private readonly queues = new Map<string, PQueue>();

  /** The queue of the URL's host; the first source to ask for a host sets its limits. */
  for(url: string, limits: HostLimits): PQueue {
    const host = new URL(url).host;
    let q = this.queues.get(host);
    if (!q) {
      const rate = limits.requestsPerSecond;
      // p-queue counts starts per interval, so a fractional rate (0.5/s) becomes 1 start per 2 s.
      const interval = rate ? (rate >= 1 ? { intervalCap: Math.floor(rate), interval: 1000 } : { intervalCap: 1, interval: Math.ceil(1000 / rate) }) : {};
      q = new PQueue({ concurrency: limits.concurrency, ...interval });
      this.queues.set(host, q);
    }
    return q;
  }

  get size(): number {
    return this.queues.size;
  }
}
