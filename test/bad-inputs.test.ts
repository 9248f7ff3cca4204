// The corpus of bad inputs (issue #7): well over 60 hostile submissions across every source kind, each
// a folder under test/fixtures/bad-inputs/<case>/ and a row of the tables in test/bad-inputs/. All of
// them go through one pipeline run (after a night before for the HTTP sources that fail); then each
// case checks its outcome exactly — a file refused with an error naming it, rows quarantined with
// their field and reason, or everything parsed — and that every good row of its files reached the
// warehouse with its value (and nothing else did). Enormous files: test/bad-inputs-enormous.test.ts.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Case, type Corpus, checkCase, checkTable, outcomeOf, runCorpus, summarize } from "./helpers/bad-inputs.ts";
import { CSV_CASES } from "./bad-inputs/csv-cases.ts";
import { HTTP_CASES, REPORT_CASES } from "./bad-inputs/http-report-cases.ts";
import { ISOLATION_CASES } from "./bad-inputs/isolation-cases.ts";
import { XLSX_CASES } from "./bad-inputs/xlsx-cases.ts";

export const CASES: Case[] = [...CSV_CASES, ...XLSX_CASES, ...HTTP_CASES, ...REPORT_CASES, ...ISOLATION_CASES];

let corpus: Corpus;
let lost: number | undefined;
beforeAll(async () => {
  corpus = await runCorpus(CASES);
}, 180_000);
afterAll(async () => {
  await corpus?.close();
  // The counts a note can quote: cases and outcomes by type, by source kind and in total.
  const kinds = [...new Set(CASES.map((c) => c.kind))];
  const lines = kinds.map((k) => {
    const s = summarize(CASES.filter((c) => c.kind === k));
    return `  ${k.padEnd(16)} ${String(s.cases).padStart(3)} cases: ${s.error} error, ${s.quarantined} quarantined, ${s.parsed} parsed`;
  });
  const t = summarize(CASES);
  console.log(`bad inputs: ${t.cases} cases: ${t.error} refused with an error, ${t.quarantined} with rows quarantined, ${t.parsed} parsed correctly\n${lines.join("\n")}` +
    `\n  good rows lost: ${lost ?? "not counted"}; cases that block a publish: ${corpus?.summary ? 0 : "all (the run did not publish)"}`);
});

describe("the corpus", () => {
  it("has a fixture folder and good rows for every case, and no two cases compete for a key", () => {
    checkTable(CASES);
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.kind))).toEqual(new Set(["csv", "xlsx", "targets-csv", "peer-groups-csv", "http-json", "report-text"]));
  });

  it("publishes in one run over every case at once: the warehouse holds every good row of every case, and the site is written", async () => {
    // Cases that used to stop the whole night (sheets giving one key twice failed observations_unique_key;
    // a long peer-group name failed the site with ENAMETOOLONG) are in this same run.
    expect(corpus.summary.published).toBe(corpus.warehouse);
    const want = CASES.reduce((n, c) => n + (c.observations?.length ?? 0), 0);
    const [got] = await corpus.query<{ n: number }>("select count(*)::integer as n from analyst.observations");
    expect(got?.n, "good rows published").toBe(want);
    expect(existsSync(path.join(corpus.dir, "target", "site", "index.html"))).toBe(true);
    lost = want - (got?.n ?? 0);
  });

  it("ends the run as partial, listing exactly the refused files and sources", () => {
    expect(corpus.summary.outcome).toBe("partial");
    const refused = CASES.flatMap((c) => (c.errors ?? []).map((e) => `${c.name} ${c.kind === "http-json" ? `${corpus.server.url}/${c.name}/api` : e.file}`));
    expect(corpus.summary.ingest.failures.map((f) => `${f.sourceId} ${f.file}`).sort()).toEqual(refused.sort());
  });
});

describe.each([
  ["csv, targets-csv and peer-groups-csv", CSV_CASES],
  ["xlsx", XLSX_CASES],
  ["http-json", HTTP_CASES],
  ["report-text", REPORT_CASES],
  ["one file, sheet, row or name costs only itself", ISOLATION_CASES],
] as const)("bad inputs: %s", (_kind, cases) => {
  it.each(cases.map((c) => [`${c.name}: ${c.it} [${outcomeOf(c)}]`, c] as const))("%s", async (_title, c) => {
    await checkCase(corpus, c);
  });
});
