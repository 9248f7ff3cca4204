// The nightly schedule: never two runs at once (a tick during a run is skipped and logged), stop()
// lets the run in progress finish with the stop signal, node-cron fires at 02:30 Asia/Shanghai by
// default (fake timers, no waiting), and the schedule settings are validated with the config.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseConfig } from "../pipelines/config.ts";
import { ConfigError } from "../pipelines/errors.ts";
import { memoryLogger } from "../pipelines/logger.ts";
import { createScheduler } from "../pipelines/scheduler.ts";

function deferred() {
  let resolve!: (v: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("scheduler", () => {
  it("skips a tick that finds the previous run still going, and logs it", async () => {
    const logger = memoryLogger();
    const gate = deferred();
    const runOnce = vi.fn(() => gate.promise);
    const s = createScheduler({ cron: "30 2 * * *", timezone: "Asia/Shanghai", runOnce, logger });
    const first = s.tick();
    expect(s.running).toBe(true);
    expect(await s.tick()).toBe("skipped");
    expect(runOnce).toHaveBeenCalledTimes(1);
    expect(logger.lines).toContainEqual(expect.stringMatching(/^warning: tick at .* skipped: the previous run is still going$/));
    gate.resolve("run 1: ok");
    expect(await first).toBe("ran");
    expect(s.running).toBe(false);
    runOnce.mockResolvedValueOnce("run 2: ok");
    expect(await s.tick()).toBe("ran");
    expect(runOnce).toHaveBeenCalledTimes(2);
    await s.stop();
  });

  it("keeps the schedule going after a failed run", async () => {
    const logger = memoryLogger();
    const s = createScheduler({ cron: "30 2 * * *", timezone: "Asia/Shanghai", runOnce: () => Promise.reject(new Error("source x: boom")), logger });
    expect(await s.tick()).toBe("ran");
    expect(logger.lines).toContainEqual(expect.stringMatching(/scheduled run failed: source x: boom; next run/));
    await s.stop();
  });

  it("stops: the run in progress gets the stop signal and is awaited; later ticks do nothing", async () => {
    let seen: AbortSignal | undefined;
    const runOnce = vi.fn((signal: AbortSignal) => {
      seen = signal;
      return new Promise<string>((resolve) => signal.addEventListener("abort", () => resolve("run 1: interrupted")));
    });
    const s = createScheduler({ cron: "30 2 * * *", timezone: "Asia/Shanghai", runOnce, logger: memoryLogger() });
    const tick = s.tick();
    await s.stop("SIGTERM received");
    expect(seen?.aborted).toBe(true);
    expect((seen?.reason as Error).message).toBe("SIGTERM received");
    expect(await tick).toBe("ran");
    expect(await s.tick()).toBe("stopped");
    expect(runOnce).toHaveBeenCalledTimes(1);
  });

  it("fires once at 02:30 Asia/Shanghai (18:30 UTC) and names the next run", async () => {
    vi.useFakeTimers({ now: new Date("2026-07-15T18:29:00Z") });
    const runOnce = vi.fn(async () => "run 1: ok");
    const s = createScheduler({ cron: "30 2 * * *", timezone: "Asia/Shanghai", runOnce, logger: memoryLogger() });
    await s.start();
    expect(s.nextRun()).toEqual(new Date("2026-07-15T18:30:00Z"));
    await vi.advanceTimersByTimeAsync(59_000);
    expect(runOnce).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runOnce).toHaveBeenCalledTimes(1);
    expect(s.nextRun()).toEqual(new Date("2026-07-16T18:30:00Z"));
    await s.stop();
  });
});

describe("schedule configuration", () => {
  const parse = (schedule: unknown) => parseConfig({ sources: [], schedule }, "weici.config.json");

  it("defaults to 02:30 Asia/Shanghai and accepts a time or a cron expression", () => {
    expect(parseConfig({ sources: [] }, "weici.config.json").schedule).toEqual({ cron: "30 2 * * *", timezone: "Asia/Shanghai" });
    expect(parse({ at: "03:05", timezone: "Asia/Urumqi" }).schedule).toEqual({ cron: "5 3 * * *", timezone: "Asia/Urumqi" });
    expect(parse({ cron: "0 4 * * 1-5" }).schedule).toEqual({ cron: "0 4 * * 1-5", timezone: "Asia/Shanghai" });
  });

  it("rejects a bad time, cron expression or time zone naming the key", () => {
    expect(() => parse({ at: "25:00" })).toThrow(ConfigError);
    expect(() => parse({ at: "25:00" })).toThrow(/schedule\.at/);
    expect(() => parse({ cron: "99 2 * * *" })).toThrow(/schedule\.cron must be a cron expression/);
    expect(() => parse({ timezone: "Mars/Olympus" })).toThrow(/schedule\.timezone must be an IANA time zone/);
  });

  it("refuses a token written into the file: secrets come only from the environment", () => {
    const bad = { sources: [{ id: "zj", kind: "http-json", url: "https://data.example/api", token: "abc" }] };
    expect(() => parseConfig(bad, "weici.config.json")).toThrow(/sources\[0\]\.token: secrets are read only from environment variables; write "token_env"/);
    const good = parseConfig({ sources: [{ id: "zj", kind: "http-json", url: "https://data.example/api", token_env: "ZJ_TOKEN" }] }, "weici.config.json");
    expect(good.sources[0]).toMatchObject({ kind: "http-json", token_env: "ZJ_TOKEN" });
  });
});
