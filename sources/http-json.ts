// Fetches an http-json source: the JSON pages of a provincial data platform. Each page is an object
//   {"rows": [{"region_code", "region_name", "indicator", "unit", "year", "month", "value"}, …], "next": …}
// Paging: page 1 is `url?page=1`. If a body carries `next` (a URL, relative or absolute, on the same
// host), pages are followed link by link until `next` is null or missing; if page 1 has no `next` key,
// `?page=2, 3, …` are requested (a window of `concurrency` at a time) until a page has no rows.
// Every request goes through the host's queue and times out; timeouts, dropped connections, truncated
// bodies, 408/429 and 5xx are retried with exponential backoff; other 4xx and non-JSON bodies fail at
// once. fetch, sleep and the timeout signal are passed in so tests control them.
import { createHash } from "node:crypto";
import { SourceError } from "../pipelines/errors.ts";
import { HostQueues } from "./host-queues.ts";
import { toSubmissionRows } from "./http-rows.ts";
import type { SourceRows, SubmissionRow } from "./rows.ts";

export interface HttpSourceSpec {
  id: string;
  url: string;
  token_env?: string;
  page_param?: string;
  concurrency?: number;
  requests_per_second?: number;
  timeout_ms?: number;
  retries?: number;
  backoff_ms?: number;
  max_pages?: number;
}

export interface HttpDeps {
  fetch: typeof fetch;
  /** Waits between attempts; tests pass one that records the delay and returns at once. */
  sleep: (ms: number) => Promise<void>;
  queues: HostQueues;
  /** Where token_env is looked up (process.env in production). */
  env: Record<string, string | undefined>;
  /** Aborts one request after `ms` (AbortSignal.timeout by default); tests abort it themselves. */
  timeoutSignal?: (ms: number) => AbortSignal;
  /** The run's own signal: on shutdown fetching stops at once, without retries. */
  signal?: AbortSignal;
  onRetry?: (message: string) => void;
}

export interface HttpFetchResult extends SourceRows<SubmissionRow> {
  hash: string;
  pages: number;
  requests: number;
}

const SHAPE = '{"rows": [{region_code, region_name, indicator, unit, year, month, value}], "next"?: url | null}';
const MAX_BACKOFF_MS = 30_000;
const MAX_RETRY_AFTER_MS = 60_000;

interface Page {
  rows: unknown[];
  next: string | null | undefined;
}

type Attempt = { page: Page } | { retry: string; retryAfterMs?: number };

/** The real fetch, timers, environment and a fresh set of host queues, with `over` taking precedence. */
export function httpDeps(over: Partial<HttpDeps> = {}): HttpDeps {
  return {
    fetch: globalThis.fetch,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    env: process.env,
    queues: new HostQueues(),
    ...over,
  };
}

/** The name an HTTP source's rows are tracked under (meta.files, lineage): its URL without credentials. */
export function httpSourceFile(url: string): string {
  const u = new URL(url);
  u.username = "";
  u.password = "";
  return u.toString();
}

export async function fetchHttpSource(spec: HttpSourceSpec, deps: HttpDeps): Promise<HttpFetchResult> {
  const file = httpSourceFile(spec.url);
  const fail = (msg: string) => new SourceError(spec.id, msg, { file });
  const headers: Record<string, string> = { accept: "application/json" };
  if (spec.token_env) {
    const token = deps.env[spec.token_env];
    if (!token) throw fail(`environment variable ${spec.token_env} (token_env) is not set; export it before running weici`);
    headers.authorization = `Bearer ${token}`;
  }
  const concurrency = spec.concurrency ?? 2;
  const queue = deps.queues.for(spec.url, { concurrency, requestsPerSecond: spec.requests_per_second });
  const maxPages = spec.max_pages ?? 10_000;
  let requests = 0;

  const attempt = async (url: string): Promise<Attempt> => {
    requests++;
    const timeout = (deps.timeoutSignal ?? AbortSignal.timeout)(spec.timeout_ms ?? 30_000);
    const signal = deps.signal ? AbortSignal.any([timeout, deps.signal]) : timeout;
    const transport = (e: unknown, during: string): Attempt => {
      // A shutdown is not the source's fault: rethrow so ingest stops instead of recording a failure.
      if (deps.signal?.aborted) throw deps.signal.reason ?? e;
      if (timeout.aborted) return { retry: `timed out after ${spec.timeout_ms ?? 30_000} ms ${during}` };
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      return { retry: `${(e as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ""} ${during}` };
    };
    let res: Response;
    try {
      res = await deps.fetch(url, { headers, signal });
    } catch (e) {
      return transport(e, "before the response");
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
      if (res.status >= 500 || res.status === 408 || res.status === 429) {
        return { retry: status, retryAfterMs: retryAfter(res.headers.get("retry-after")) };
      }
      const hint = res.status === 401 || res.status === 403
        ? `check the token in ${spec.token_env ? `$${spec.token_env}` : "token_env (none is configured)"}`
        : "check the url in weici.config.json";
      throw fail(`GET ${url} answered ${status}; ${hint} (not retried)`);
    }
    let body: string;
    try {
      body = await res.text();
    } catch (e) {
      return transport(e, "while reading the body (truncated)");
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (e) {
      // JSON that stops short (a connection closed early without a content-length) is a truncated body: retried.
      const m = (e as Error).message;
      const at = Number(/at position (\d+)/.exec(m)?.[1] ?? NaN);
      if (/end of JSON input|Unterminated/.test(m) || at >= body.trimEnd().length) {
        return { retry: `the body ended early after ${Buffer.byteLength(body)} bytes (truncated JSON: ${m})` };
      }
      throw fail(`GET ${url} returned a body that is not JSON (starts ${JSON.stringify(body.slice(0, 60))}); expected ${SHAPE}`);
    }
    const page = json as { rows?: unknown; next?: unknown } | null;
    if (!page || typeof page !== "object" || !Array.isArray(page.rows) || (page.next != null && typeof page.next !== "string")) {
      throw fail(`GET ${url} returned JSON of another shape (starts ${JSON.stringify(body.slice(0, 60))}); expected ${SHAPE}`);
    }
    return { page: { rows: page.rows, next: page.next as string | null | undefined } };
  };

  const get = async (url: string): Promise<Page> => {
    const attempts = (spec.retries ?? 3) + 1;
    let last = "";
    for (let a = 1; a <= attempts; a++) {
      const out = await queue.add(() => attempt(url));
      if ("page" in out) return out.page;
      last = out.retry;
      if (a === attempts) break;
      // Waiting outside the queue keeps the host's slots free for other requests.
      const wait = Math.max(Math.min((spec.backoff_ms ?? 500) * 2 ** (a - 1), MAX_BACKOFF_MS), out.retryAfterMs ?? 0);
      deps.onRetry?.(`source ${spec.id}: GET ${url}: ${last}; retry ${a} of ${attempts - 1} in ${wait} ms`);
      await deps.sleep(wait);
      if (deps.signal?.aborted) throw deps.signal.reason;
    }
    throw fail(`GET ${url} failed after ${attempts} attempt(s): ${last}; the platform may be down or slow (raise timeout_ms or retries), the run goes on without this source`);
  };

  const pageUrl = (n: number) => {
    const u = new URL(spec.url);
    u.searchParams.set(spec.page_param ?? "page", String(n));
    return u.toString();
  };
  const pages: unknown[][] = [];
  const first = await get(pageUrl(1));
  pages.push(first.rows);
  if (first.next !== undefined) {
    // Link mode: follow `next` until it is null or missing, or a page comes back empty.
    const seen = new Set([pageUrl(1)]);
    let current = pageUrl(1);
    let next: string | null | undefined = first.next;
    while (next && pages[pages.length - 1]!.length > 0) {
      const url = new URL(next, current).toString();
      if (new URL(url).origin !== new URL(spec.url).origin) throw fail(`next link ${url} leaves ${new URL(spec.url).origin}; refusing to follow it`);
      if (seen.has(url)) throw fail(`next link ${url} was already fetched; the platform's paging loops`);
      if (pages.length >= maxPages) throw fail(`stopped after ${maxPages} pages (max_pages); the next links never end`);
      seen.add(url);
      const page = await get(url);
      pages.push(page.rows);
      current = url;
      next = page.next;
    }
  } else if (first.rows.length > 0) {
    // Page mode: a window of pages at a time; the pages after the first empty one are discarded.
    let n = 2;
    window: for (;;) {
      if (n > maxPages) throw fail(`stopped after ${maxPages} pages (max_pages); the endpoint never returned an empty page`);
      const batch = Array.from({ length: Math.min(concurrency, maxPages - n + 1) }, (_, i) => n + i);
      const got = await Promise.all(batch.map((k) => get(pageUrl(k))));
      for (const page of got) {
        if (page.rows.length === 0) break window;
        pages.push(page.rows);
      }
      n += batch.length;
    }
  }
  // Hashed after validation: the rows as text (a row nested too deeply to stringify is already refused).
  const out = toSubmissionRows(pages);
  const hash = createHash("sha256").update(JSON.stringify([out.rows, out.rejected])).digest("hex");
  return { hash, pages: pages.length, requests, ...out };
}

/** Retry-After in seconds or as an HTTP date, capped; undefined when absent or unreadable. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const s = Number(header);
  const ms = Number.isFinite(s) ? s * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined;
}
