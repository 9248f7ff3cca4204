// The http-json source against a local server: paging, retries with backoff, the errors that are not
// retried, truncated and garbage bodies, timeouts, tokens from the environment, row validation and
// per-host queues. Backoff waits are recorded, never slept; the timeout is fired by the test.
import { afterEach, describe, expect, it } from "vitest";
import { SourceError } from "../pipelines/errors.ts";
import { HostQueues } from "../sources/host-queues.ts";
import { type HttpDeps, type HttpSourceSpec, fetchHttpSource } from "../sources/http-json.ts";
import { toSubmissionRows } from "../sources/http-rows.ts";
import { type Handler, type TestServer, pageOf, sendJson, startServer } from "./helpers/http-server.ts";

const row = (code: number | string, value: number | string | null, extra: Record<string, unknown> = {}) => ({
  region_code: code, region_name: null, indicator: "高新技术企业数", unit: "家", year: 2025, month: 12, value, ...extra,
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler) {
  server = await startServer(handler);
  return server;
}

function deps(over: Partial<HttpDeps> = {}) {
  const waits: number[] = [];
  const d: HttpDeps = { fetch, sleep: async (ms) => void waits.push(ms), queues: new HostQueues(), env: {}, ...over };
  return { d, waits };
}

/** The error a fetch fails with (a fetch that succeeds fails the test). */
const failure = (p: Promise<unknown>) => p.then(() => expect.unreachable("the fetch should fail"), (e: unknown) => e as Error);

const spec = (url: string, over: Partial<HttpSourceSpec> = {}): HttpSourceSpec => ({ id: "zj", url, concurrency: 1, retries: 3, backoff_ms: 100, ...over });

describe("http-json paging", () => {
  it("requests ?page=N until an empty page and returns the rows like CSV rows", async () => {
    const s = await serve((req, res) => {
      const pages: Record<number, unknown[]> = { 1: [row(330102, 440), row("330106", "880")], 2: [row(330108, 1100)] };
      sendJson(res, { rows: pages[pageOf(req)] ?? [] });
    });
    const { d } = deps();
    const out = await fetchHttpSource(spec(`${s.url}/figures`), d);
    expect(s.requests).toEqual(["/figures?page=1", "/figures?page=2", "/figures?page=3"]);
    expect(out.rows.map((r) => [r.row_number, r.region_code, r.indicator_name, r.unit, r.year, r.month, r.value])).toEqual([
      [1, "330102", "高新技术企业数", "家", "2025", "12", "440"],
      [2, "330106", "高新技术企业数", "家", "2025", "12", "880"],
      [3, "330108", "高新技术企业数", "家", "2025", "12", "1100"],
    ]);
    expect(out.rejected).toEqual([]);
    expect(out.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("follows next links until a page has none", async () => {
    const s = await serve((req, res) => {
      if (req.url === "/api?page=1") sendJson(res, { rows: [row(330102, 1)], next: "/api?cursor=b" });
      else if (req.url === "/api?cursor=b") sendJson(res, { rows: [row(330106, 2)], next: `${s.url}/api?cursor=c` });
      else sendJson(res, { rows: [row(330108, 3)], next: null });
    });
    const out = await fetchHttpSource(spec(`${s.url}/api`), deps().d);
    expect(s.requests).toEqual(["/api?page=1", "/api?cursor=b", "/api?cursor=c"]);
    expect(out.rows.map((r) => r.value)).toEqual(["1", "2", "3"]);
  });

  it("fetches a window of pages at once with concurrency 2 and stops at the first empty page", async () => {
    const s = await serve((req, res) => sendJson(res, { rows: pageOf(req) <= 3 ? [row(330102, pageOf(req))] : [] }));
    const out = await fetchHttpSource(spec(`${s.url}/w`, { concurrency: 2 }), deps().d);
    expect(out.rows.map((r) => r.value)).toEqual(["1", "2", "3"]);
    // Page 1 alone, then windows [2, 3] and [4, 5]: page 5 is the one wasted request.
    expect([...s.requests].sort()).toEqual(["/w?page=1", "/w?page=2", "/w?page=3", "/w?page=4", "/w?page=5"]);
  });
});

describe("http-json failures", () => {
  it("retries 503 and 500 with exponential backoff, then succeeds", async () => {
    const s = await serve((_req, res, n) => {
      if (n === 1) sendJson(res, { error: "busy" }, 503);
      else if (n === 2) sendJson(res, { error: "boom" }, 500);
      else sendJson(res, { rows: [row(330102, 1)], next: null });
    });
    const { d, waits } = deps();
    const out = await fetchHttpSource(spec(`${s.url}/r`), d);
    expect(out.rows).toHaveLength(1);
    expect(s.requests).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it("gives up after the last retry with an error naming the URL", async () => {
    const s = await serve((_req, res) => sendJson(res, {}, 500));
    const { d, waits } = deps();
    const err = await failure(fetchHttpSource(spec(`${s.url}/down`, { retries: 2 }), d));
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toContain(`GET ${s.url}/down?page=1 failed after 3 attempt(s): HTTP 500`);
    expect(s.requests).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it("honours Retry-After when it asks for longer than the backoff", async () => {
    const s = await serve((_req, res, n) => {
      if (n === 1) {
        res.writeHead(429, { "retry-after": "3" });
        res.end();
      } else sendJson(res, { rows: [], next: null });
    });
    const { d, waits } = deps();
    await fetchHttpSource(spec(`${s.url}/slow-down`), d);
    expect(waits).toEqual([3000]);
  });

  it("does not retry a 404 and says to check the url", async () => {
    const s = await serve((_req, res) => sendJson(res, { error: "no such dataset" }, 404));
    const { d, waits } = deps();
    const err = await failure(fetchHttpSource(spec(`${s.url}/missing`), d));
    expect(err.message).toMatch(new RegExp(`GET ${s.url}/missing\\?page=1 answered HTTP 404.*check the url.*not retried`));
    expect(s.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("fails at once on a body that is not JSON, quoting its start", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>maintenance</html>");
    });
    const err = await failure(fetchHttpSource(spec(`${s.url}/garbage`), deps().d));
    expect(err).toBeInstanceOf(SourceError);
    expect(err.message).toMatch(/garbage\?page=1 returned a body that is not JSON \(starts "<html>maintenance/);
    expect(s.requests).toHaveLength(1);
  });

  it("fails on JSON without a rows array", async () => {
    const s = await serve((_req, res) => sendJson(res, { data: [] }));
    const err = await failure(fetchHttpSource(spec(`${s.url}/shape`), deps().d));
    expect(err.message).toMatch(/returned JSON of another shape.*expected \{"rows"/);
  });

  it("retries a body cut off mid-way", async () => {
    const s = await serve((_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { "content-type": "application/json", "content-length": 500 });
        res.write('{"rows": [{"region_code": 3301');
        res.socket?.destroy();
      } else sendJson(res, { rows: [row(330102, 7)], next: null });
    });
    const { d, waits } = deps();
    const out = await fetchHttpSource(spec(`${s.url}/cut`), d);
    expect(out.rows.map((r) => r.value)).toEqual(["7"]);
    expect(s.requests).toHaveLength(2);
    expect(waits).toEqual([100]);
  });

  it("times out a response that never comes and retries it", async () => {
    const timers: AbortController[] = [];
    const retries: string[] = [];
    const s = await serve((_req, res, n) => {
      // The first request hangs; the test fires its timeout instead of waiting for a clock.
      if (n === 1) timers[0]!.abort(new DOMException("timed out", "TimeoutError"));
      else sendJson(res, { rows: [row(330102, 1)], next: null });
    });
    const { d } = deps({
      timeoutSignal: () => {
        const c = new AbortController();
        timers.push(c);
        return c.signal;
      },
      onRetry: (m) => retries.push(m),
    });
    const out = await fetchHttpSource(spec(`${s.url}/hang`, { timeout_ms: 5000 }), d);
    expect(out.rows).toHaveLength(1);
    expect(retries).toEqual([expect.stringMatching(/hang\?page=1: timed out after 5000 ms.*retry 1 of 3 in 100 ms/)]);
  });
});

describe("http-json tokens and rows", () => {
  it("sends the token from the environment variable as a bearer header, never in the URL", async () => {
    const s = await serve((_req, res) => sendJson(res, { rows: [], next: null }));
    await fetchHttpSource(spec(`${s.url}/t`, { token_env: "ZJ_TOKEN" }), deps({ env: { ZJ_TOKEN: "s3cret" } }).d);
    expect(s.headers[0]!.authorization).toBe("Bearer s3cret");
    expect(s.requests[0]).not.toContain("s3cret");
  });

  it("names the missing environment variable and sends nothing", async () => {
    const s = await serve((_req, res) => sendJson(res, { rows: [] }));
    const err = await failure(fetchHttpSource(spec(`${s.url}/t`, { token_env: "ZJ_TOKEN" }), deps().d));
    expect(err.message).toMatch(/environment variable ZJ_TOKEN \(token_env\) is not set/);
    expect(s.requests).toEqual([]);
  });

  it("quarantines rows of the wrong shape with the field and keeps the good ones", () => {
    const out = toSubmissionRows([[row(330102, 1), { region_code: 330106, indicator: "高新技术企业数", year: 2025, value: { n: 1 } }], ["oops", row(330108, "XX")]]);
    expect(out.rows.map((r) => [r.row_number, r.region_code, r.value])).toEqual([[1, "330102", "1"], [4, "330108", "XX"]]);
    expect(out.rejected.map((r) => [r.row_number, r.field])).toEqual([[2, "value"], [3, "row"]]);
    expect(out.rejected[0]!.reason).toMatch(/row on page 1 does not match \{region_code, .*value.*fix the row on the platform/);
    expect(out.rejected[1]!.raw).toBe('"oops"');
  });
});

describe("host queues", () => {
  it("shares one queue per host and runs at most `concurrency` requests at once", async () => {
    const queues = new HostQueues();
    const q = queues.for("http://a.example/x", { concurrency: 2 });
    expect(queues.for("http://a.example/y", { concurrency: 9 })).toBe(q);
    expect(queues.for("http://b.example/x", { concurrency: 1 })).not.toBe(q);
    const gates: (() => void)[] = [];
    const jobs = Array.from({ length: 5 }, () => q.add(() => new Promise<void>((r) => gates.push(r))));
    await Promise.resolve();
    expect([q.pending, q.size]).toEqual([2, 3]);
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(jobs);
    expect(q.pending).toBe(0);
  });
});
