// Everything beyond the rankings that the site shows, each from its analyst view: drafted statements,
// targets, the composite index, and what the data quality page needs (loads, runs, quarantine, checks).
// A view the warehouse does not have (an older build, a test database) just leaves its part empty.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { projectPath } from "../pipelines/paths.ts";
import { formatDateTime } from "./format.ts";
import type { Query } from "./load.ts";
import type { CompositeIndicatorRow, CompositeRow, GapRow, Period, StatementRow, TargetRow } from "./model.ts";
import type { CheckView, FailingView, QuarantineView, ReportedRanksView, RunView, SourceView } from "./pages/quality-page.ts";

export interface QualityData {
  sources: SourceView[];
  runs: RunView[];
  quarantineTotal: number;
  quarantine: QuarantineView[];
  checks: CheckView[];
  failing?: FailingView[];
  reportedRanks?: ReportedRanksView | null;
}

export interface ExtraData {
  statements: StatementRow[];
  targets: TargetRow[];
  composite: CompositeRow[];
  compositeIndicators: (CompositeIndicatorRow & { index_name: string; min_coverage: number })[];
  quality: QualityData | null;
  /** When the newest file was loaded (Beijing time text), or null. */
  freshness: string | null;
  /** 追赶分析 (analyst.gaps) at each indicator's latest period; absent in older warehouses. */
  gaps?: GapRow[];
}

const CHECKS_DIR = projectPath("sql", "checks/");
/** Rows of analyst.quarantine listed on the page; the count covers all. */
export const QUARANTINE_SHOWN = 300;
/** Rows of a failing check listed on the page; the count covers all. */
export const CHECK_ROWS_SHOWN = 50;

const num = (v: unknown): number | null => (v == null ? null : Number(v));
/** Warehouse timestamps are UTC without a zone; shown in Beijing time like every time on the site. */
const beijing = (utc: unknown): string | null => (utc == null ? null : formatDateTime(new Date(`${String(utc).replace(" ", "T")}Z`)));

function latestValues(periods: Map<string, Period>): string {
  return [...periods].map(([code, p]) => `('${code.replaceAll("'", "''")}', ${Math.trunc(p.year)}, ${Math.trunc(p.month)})`).join(", ");
}

async function loadChecks(query: Query): Promise<CheckView[]> {
  let files: string[];
  try {
    files = readdirSync(CHECKS_DIR).filter((f) => f.endsWith(".sql")).sort();
  } catch {
    return [];
  }
  const out: CheckView[] = [];
  for (const f of files) {
    const sql = readFileSync(path.join(CHECKS_DIR, f), "utf8").trim().replace(/;\s*$/, "");
    const severity = /--\s*severity:\s*warn/i.test(sql) ? "warn" : "error";
    const rows = await query<{ n: number }>(`select count(*)::bigint as n from (\n${sql}\n)`).catch(() => null);
    const failing = rows ? Number(rows[0]?.n ?? 0) : null;
    // The rows themselves, so a reader can open the file at the row (e.g. a reported 同比 far from ours).
    const sample = failing
      ? await query<Record<string, unknown>>(`select * from (\n${sql}\n) limit ${CHECK_ROWS_SHOWN}`).catch(() => [])
      : [];
    out.push({ name: f.slice(0, -4), severity, failing, rows: sample });
  }
  return out;
}

async function loadQuality(query: Query, views: Set<string>): Promise<QualityData | null> {
  if (!views.has("loads") && !views.has("quarantine")) return null;
  const [sources, runs, total, quarantine] = await Promise.all([
    views.has("loads")
      ? query<Record<string, unknown>>(`with latest as (
          select * from analyst.loads qualify row_number() over (partition by source_id, file order by load_id desc) = 1)
        select source_id, count(*) as files, sum(rows) filter (where status = 'loaded') as rows,
          strftime(max(loaded_at), '%Y-%m-%d %H:%M:%S') as last_loaded_at, count(*) filter (where status <> 'loaded') as failed,
          arg_max(error, load_id) filter (where error is not null) as last_error
        from latest group by source_id order by source_id`)
      : [],
    views.has("runs")
      ? query<Record<string, unknown>>(
          `select * exclude (started_at), strftime(started_at, '%Y-%m-%d %H:%M:%S') as started_at from analyst.runs order by run_id desc limit 10`,
        )
      : [],
    views.has("quarantine") ? query<{ n: number }>("select count(*)::bigint as n from analyst.quarantine") : [],
    views.has("quarantine")
      ? query<Record<string, unknown>>(`select file, row_number, field, reason, raw from analyst.quarantine order by file, row_number limit ${QUARANTINE_SHOWN}`)
      : [],
  ]);
  return {
    sources: sources.map((s) => ({
      sourceId: String(s.source_id),
      files: Number(s.files),
      rows: Number(s.rows ?? 0),
      lastLoadedAt: beijing(s.last_loaded_at),
      failed: Number(s.failed ?? 0),
      lastError: (s.last_error as string | null) ?? null,
    })),
    runs: runs.map((r) => ({
      runId: Number(r.run_id),
      startedAt: beijing(r.started_at) ?? "",
      outcome: String(r.outcome ?? ""),
      rowsLoaded: num(r.rows_loaded),
      rowsQuarantined: num(r.rows_quarantined),
      message: (r.message as string | null) ?? null,
      durationS: r.duration_s == null ? null : Number(r.duration_s),
      build: (r.build as string | null | undefined) ?? null,
    })),
    quarantineTotal: Number(total[0]?.n ?? 0),
    quarantine: quarantine.map((q) => ({
      file: String(q.file ?? ""),
      row: num(q.row_number),
      field: (q.field as string | null) ?? null,
      reason: String(q.reason ?? ""),
      raw: (q.raw as string | null) ?? null,
    })),
    checks: await loadChecks(query),
    failing: views.has("failing_files")
      ? (await query<Record<string, unknown>>(
          `select source_id, file, problem, strftime(failing_since, '%Y-%m-%d %H:%M:%S') as since, error from analyst.failing_files order by failing_since, source_id, file`,
        )).map((f) => ({ sourceId: String(f.source_id), file: String(f.file), problem: String(f.problem), since: beijing(f.since), error: (f.error as string | null) ?? null }))
      : [],
    reportedRanks: views.has("reported_ranks") ? await loadReportedRanks(query) : null,
  };
}

/** Disagreements listed on the page; the counts cover all. */
const DISAGREEMENTS_SHOWN = 100;

export async function loadReportedRanks(query: Query): Promise<ReportedRanksView> {
  const [counts] = await query<Record<string, unknown>>(`select count(*) filter (where agrees) as agree,
    count(*) filter (where not agrees) as disagree, count(*) filter (where agrees is null) as unchecked from analyst.reported_ranks`);
  const rows = await query<Record<string, unknown>>(`select r.file, r.sheet, r.row_number, r.region_name, coalesce(i.name_zh, r.indicator_code::varchar) as indicator,
      r.year, r.month, r.scope, r.reported_rank, r.our_rank
    from analyst.reported_ranks r left join analyst.indicators i on i.indicator_code::varchar = r.indicator_code::varchar
    where not r.agrees order by r.file, r.sheet, r.row_number limit ${DISAGREEMENTS_SHOWN}`).catch(() => []);
  return {
    agree: Number(counts?.agree ?? 0), disagree: Number(counts?.disagree ?? 0), unchecked: Number(counts?.unchecked ?? 0),
    disagreements: rows.map((r) => ({
      file: String(r.file), sheet: (r.sheet as string | null) ?? null, row: num(r.row_number), region: String(r.region_name), indicator: String(r.indicator),
      period: `${Number(r.year)}年1-${Number(r.month)}月`, scope: String(r.scope), reported: Number(r.reported_rank), ours: Number(r.our_rank),
    })),
  };
}

/** 追赶分析 at each indicator's latest period, in one read of the table behind analyst.gaps (marts.gaps). */
async function loadGaps(query: Query, periods: Map<string, Period>, scope: string, params: unknown[]): Promise<GapRow[]> {
  if (periods.size === 0) return [];
  const wanted = [...periods].map(([code, p]) => `('${code.replaceAll("'", "''")}', ${Math.trunc(p.year)}, ${Math.trunc(p.month)})`).join(", ");
  return query<GapRow>(
    `select g.peer_group_id::varchar as peer_group_id, g.indicator_code::varchar as indicator_code, g.year, g.month,
       g.region_code::varchar as region_code, g.value, g.rank, g.peer_count, g.above_rank, g.gap_to_above, g.gap_to_first,
       g.target_value, g.target_remaining, g.months_left, g.monthly_needed
     from analyst.gaps g
     join (values ${wanted}) l(indicator_code, year, month) on l.indicator_code = g.indicator_code::varchar and l.year = g.year and l.month = g.month
     where ${scope}
     order by g.peer_group_id, g.indicator_code, g.rank, g.region_code`,
    params,
  );
}

export async function loadExtras(query: Query, opts: { scopeProvince?: string; periods: Map<string, Period> }): Promise<ExtraData> {
  const views = new Set(
    (await query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'analyst'")).map((r) => r.table_name),
  );
  const scoped = opts.scopeProvince != null;
  const params = scoped ? [opts.scopeProvince] : [];
  const inScope = (col: string) => (scoped ? `${col} in (select region_code from analyst.regions where province_code = $1)` : "true");
  const latest = latestValues(opts.periods);

  const [statements, targets, composite, compositeIndicators, freshness, gaps] = await Promise.all([
    views.has("statements") && latest
      ? query<StatementRow>(
          `with latest(indicator_code, year, month) as (values ${latest})
           -- s.*: the sentence parts (lead, rank_core, …) are absent from warehouses built before them.
           select s.* from analyst.statements s
           left join latest l on l.indicator_code = s.indicator_code and l.year = s.year and l.month = s.month
           where (l.indicator_code is not null or s.basis = 'target') and ${inScope("s.region_code")}
           order by s.region_code, s.indicator_code, s.basis, s.peer_group_id`,
          params,
        )
      : [],
    views.has("targets")
      ? query<TargetRow>(
          // *: gap_pp, progress_method and completion_basis are absent from warehouses built before them.
          `select * from analyst.targets
           where year >= (select max(year) - 1 from analyst.targets) and ${inScope("region_code")}
           qualify row_number() over (partition by region_code, indicator_code, year, target_kind order by month desc) = 1
           order by year, region_code, indicator_code`,
          params,
        )
      : [],
    views.has("composite_index")
      ? query<CompositeRow>(
          `select method, peer_group_id, region_code, year, score, coverage, relative_pct, tier, rank, peer_count, prev_rank, rank_change
           from analyst.composite_index where ${inScope("region_code")} order by method, peer_group_id, year, rank nulls last, region_code`,
          params,
        )
      : [],
    views.has("composite_index_indicators")
      ? query<CompositeIndicatorRow & { index_name: string; min_coverage: number }>("select * from analyst.composite_index_indicators")
      : [],
    views.has("loads")
      ? query<{ t: string | null }>("select strftime(max(loaded_at), '%Y-%m-%d %H:%M:%S') as t from analyst.loads where status = 'loaded'")
      : [],
    views.has("gaps") ? loadGaps(query, opts.periods, inScope("g.region_code::varchar"), params) : [],
  ]);

  return {
    statements: statements.map((s) => ({ ...s, year: Number(s.year), month: Number(s.month), rank: num(s.rank) })),
    targets: targets.map((t) => ({
      ...t,
      year: Number(t.year),
      month: Number(t.month),
      target_value: Number(t.target_value),
      actual: num(t.actual),
      completion_pct: num(t.completion_pct),
      time_progress_pct: num(t.time_progress_pct),
      reached: t.reached === true,
    })),
    composite: composite.map((c) => ({
      ...c,
      year: Number(c.year),
      score: num(c.score),
      coverage: num(c.coverage),
      relative_pct: num(c.relative_pct),
      rank: num(c.rank),
      peer_count: Number(c.peer_count),
      prev_rank: num(c.prev_rank),
      rank_change: num(c.rank_change),
    })),
    compositeIndicators: compositeIndicators.map((c) => ({ ...c, weight: Number(c.weight), standard_value: Number(c.standard_value), min_coverage: Number(c.min_coverage) })),
    quality: await loadQuality(query, views),
    freshness: beijing(freshness[0]?.t),
    gaps: gaps.map((g) => ({
      ...g, year: Number(g.year), month: Number(g.month), value: Number(g.value), rank: Number(g.rank), peer_count: Number(g.peer_count),
      above_rank: num(g.above_rank), gap_to_above: num(g.gap_to_above), gap_to_first: num(g.gap_to_first), target_value: num(g.target_value),
      target_remaining: num(g.target_remaining), months_left: num(g.months_left), monthly_needed: num(g.monthly_needed),
    })),
  };
}
