// The data quality page's rows as loaded from the analyst views (times shown in Beijing time).
import { describe, expect, it } from "vitest";
import { loadExtras } from "../reports/load-extras.ts";
import { openAnalystDb } from "./fixtures/reports-hangzhou/duckdb.ts";
import * as fx from "./fixtures/reports-hangzhou/rows.ts";

describe("loading the data quality page", () => {
  it("shows each run's start in Beijing time with its duration and build", async () => {
    const db = await openAnalystDb(fx);
    try {
      await db.query(`create table analyst.runs as select * from (values
        (1, timestamp '2026-11-19 18:30:00', timestamp '2026-11-19 18:30:42.6', 'ok', 100, 2, 'built', null, 42.6),
        (2, timestamp '2026-11-20 18:30:00', null, 'running', null, null, null, null, null))
        t(run_id, started_at, finished_at, outcome, rows_loaded, rows_quarantined, build, message, duration_s)`);
      await db.query("create table analyst.loads (source_id varchar, file varchar, load_id bigint, rows bigint, status varchar, loaded_at timestamp, error varchar)");
      const extras = await loadExtras(db.query, { periods: new Map() });
      expect(extras.quality!.runs).toEqual([
        { runId: 2, startedAt: "2026年11月21日 02:30", outcome: "running", rowsLoaded: null, rowsQuarantined: null, message: null, durationS: null, build: null },
        { runId: 1, startedAt: "2026年11月20日 02:30", outcome: "ok", rowsLoaded: 100, rowsQuarantined: 2, message: null, durationS: 42.6, build: "built" },
      ]);
    } finally {
      db.close();
    }
  });
});
