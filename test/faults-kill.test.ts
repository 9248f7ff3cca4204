// kill -9 at every step of a run, as real CLI processes: WEICI_FAIL_AT=<point> makes the CLI SIGKILL
// itself there (no timing involved). After each kill the published warehouse must be exactly the
// previous complete one or the new complete one, open read-only and answer queries; the site must be
// the previous complete site or the new one (never a mix, never a half-written page); and the next run
// must recover by itself (stale lock, temp files, half-built tables, a missing site) and publish
// exactly what an uninterrupted run publishes.
//
// One prepared folder (first run published) is copied per case; the killed runs and their recoveries
// run a few at a time.
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prevPath } from "../pipelines/publish.ts";
import { lockPath } from "../pipelines/run-lock.ts";
import { stagePaths } from "../pipelines/site-publish.ts";
import { queryWarehouse } from "./helpers/fixture.ts";
import {
  applyScenario, classifyPublished, classifySite, cloneDir, configOf, leftovers, publishedData, readPublished, runInProcess,
  type Scenario, setupAllKinds, siteSnapshot, weiciAsync,
} from "./helpers/faults.ts";

type State = "old" | "new" | "missing";

interface KillCase {
  point: string;
  /** What the killed run was given: new files of every kind, nothing new, or new files and one removed. */
  scenario?: Scenario;
  /** The published warehouse right after the kill. */
  published: "old" | "new";
  /** The site right after the kill. */
  site: State;
}

// Kills before the publish leave everything as it was; from the rename of the published file on, the
// new warehouse is in place; from the site swap on, the new site too. Between the two renames of the
// site swap there is no site folder at all (nothing half-written is served) until the next run.
const CASES: KillCase[] = [
  { point: "lock:tmp-written", published: "old", site: "old" },
  { point: "run:started", published: "old", site: "old" },
  { point: "reference", published: "old", site: "old" },
  { point: "ingest:csv", published: "old", site: "old" },
  { point: "ingest:decoded", published: "old", site: "old" },
  { point: "ingest:xlsx", published: "old", site: "old" },
  { point: "ingest:targets-csv", published: "old", site: "old" },
  { point: "ingest:peer-groups-csv", published: "old", site: "old" },
  { point: "ingest:report-text", published: "old", site: "old" },
  { point: "ingest:removed", scenario: "remove", published: "old", site: "old" },
  { point: "model:staging.stg_submissions", published: "old", site: "old" },
  { point: "model:marts.rankings", published: "old", site: "old" },
  { point: "checks:passed", published: "old", site: "old" },
  { point: "site:mid-pages", published: "old", site: "old" },
  { point: "run-log:finished", published: "old", site: "old" },
  { point: "publish:checkpoint", published: "old", site: "old" },
  { point: "publish:attached", published: "old", site: "old" },
  { point: "publish:copied", published: "old", site: "old" },
  { point: "publish:rename", published: "old", site: "old" },
  { point: "publish:prev-linked", published: "old", site: "old" },
  { point: "publish:prev-renamed", published: "old", site: "old" },
  { point: "run-log:finished", scenario: "unchanged", published: "old", site: "old" },
  { point: "publish:renamed", published: "new", site: "old" },
  { point: "site:swap", published: "new", site: "missing" },
  { point: "site:swapped", published: "new", site: "new" },
  { point: "parquet:tmp-written", published: "new", site: "new" },
  { point: "parquet:file-5", published: "new", site: "new" },
  { point: "last-run:tmp-written", published: "new", site: "new" },
];

interface Reference {
  data: string;
  site: Map<string, string>;
}

let base: string;
let before: Reference;
/** Folders this file made; a failed case keeps its own for a look. */
const made: string[] = [];
const after = new Map<Scenario, Promise<Reference>>();
const tally = { faults: 0, tornPublished: 0, tornSites: 0 };

/** What an uninterrupted run publishes for a scenario (computed once per scenario). */
function reference(scenario: Scenario): Promise<Reference> {
  if (!after.has(scenario)) {
    after.set(scenario, (async () => {
      const dir = cloneDir(base);
      made.push(dir);
      await applyScenario(dir, scenario);
      const config = configOf(dir);
      expect((await runInProcess(config)).outcome).toBe("ok");
      return { data: (await publishedData(config.warehouse))!, site: siteSnapshot(config.siteDir)! };
    })());
  }
  return after.get(scenario)!;
}

beforeAll(async () => {
  base = await setupAllKinds();
  made.push(base);
  const config = configOf(base);
  const first = await runInProcess(config);
  expect(first.outcome).toBe("ok");
  before = { data: (await publishedData(config.warehouse))!, site: siteSnapshot(config.siteDir)! };
  const changed = await reference("change");
  // The scenario really changes what is published and what the site shows.
  expect(changed.data).not.toBe(before.data);
  expect([...changed.site].filter(([k, v]) => before.site.get(k) !== v).length).toBeGreaterThan(5);
}, 120_000);

afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
  // The count the issue asks for, printed once.
  console.log(`kill -9 faults injected: ${tally.faults}; torn published warehouses: ${tally.tornPublished}; torn sites: ${tally.tornSites}`);
});

describe("a run killed with SIGKILL at any point", () => {
  it.concurrent.each(CASES)("at $point: published $published, site $site; the next run recovers and publishes the new data", async (c) => {
    const scenario = c.scenario ?? "change";
    const dir = cloneDir(base);
    const config = configOf(dir);
    // A copied file is not the one the last run published (another inode): one run makes it so,
    // so that the killed run is a no-change night, which leaves the published file as it is.
    if (scenario === "unchanged") expect((await runInProcess(config)).build).toBe("unchanged");
    await applyScenario(dir, scenario);
    const next = await reference(scenario);

    const killed = await weiciAsync(dir, { WEICI_FAIL_AT: c.point });
    // SIGKILL proves the run reached the named point (an unknown point would exit normally).
    expect(killed.signal, killed.stderr).toBe("SIGKILL");
    tally.faults++;

    const published = classifyPublished(await publishedData(config.warehouse), before.data, next.data);
    if (published !== "old" && published !== "new") tally.tornPublished++;
    expect(published).toBe(scenario === "unchanged" ? "old" : c.published);
    if (existsSync(prevPath(config.warehouse))) expect(await publishedData(prevPath(config.warehouse))).not.toBeNull();
    const site = classifySite(siteSnapshot(config.siteDir), before.site, next.site);
    if (!["old", "new", "missing"].includes(site)) tally.tornSites++;
    expect(site).toBe(c.site);
    if (c.site === "missing") {
      // Nothing is served, and both complete sites are still on disk for the next run to pick from.
      expect(classifySite(siteSnapshot(stagePaths(config.siteDir).next), before.site, next.site)).toBe("new");
      expect(classifySite(siteSnapshot(stagePaths(config.siteDir).old), before.site, next.site)).toBe("old");
    }

    const recovered = await runInProcess(config);
    expect(recovered.outcome).toBe("ok");
    const after = await readPublished(config.warehouse);
    expect(classifyPublished(after?.data ?? null, before.data, next.data)).toBe(scenario === "unchanged" ? "old" : "new");
    expect(classifySite(siteSnapshot(config.siteDir), before.site, next.site)).toBe(scenario === "unchanged" ? "old" : "new");
    expect(leftovers(path.dirname(config.warehouse))).toEqual([]);
    expect(existsSync(lockPath(config.workDir))).toBe(false);
    // The killed run is in the log as interrupted (or ok when it had published before it died); none is left running.
    // After a night without new data the published file is the one published before; every run is in the run-log Parquet file.
    const runs = scenario === "unchanged"
      ? (await queryWarehouse<{ outcome: string }>(config.warehouse, `select outcome from read_parquet('${config.parquetDir}/runs.parquet') order by run_id`)).map((r) => r.outcome)
      : after!.runs;
    expect(runs.at(-1)).toBe("ok");
    expect(runs).not.toContain("running");
    if (c.published === "old" && !c.point.startsWith("lock")) expect(runs).toContain("interrupted");
    // Every Parquet file is complete and readable again.
    const parquet = readdirSync(config.parquetDir);
    expect(parquet.filter((f) => !f.endsWith(".parquet"))).toEqual([]);
    const rows = await queryWarehouse(config.warehouse, `select (select count(*) from read_parquet('${config.parquetDir}/observations.parquet'))::int as parquet,
      (select count(*) from analyst.observations)::int as published`);
    expect(rows[0]!.parquet).toBe(rows[0]!.published);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
