// The data quality page: when the site was built, the last runs, each source's files and last load,
// rows that were rejected and why (analyst.quarantine), and the data checks with any allowed failures.
import { formatDateTime, formatNumber } from "../format.ts";
import { escapeHtml, renderLayout } from "../html.ts";

export interface SourceView {
  sourceId: string;
  files: number;
  rows: number;
  lastLoadedAt: string | null;
  failed: number;
  lastError: string | null;
}

export interface RunView {
  runId: number;
  startedAt: string;
  outcome: string;
  rowsLoaded: number | null;
  rowsQuarantined: number | null;
  message: string | null;
  /** Seconds from start to end (null while running); build = built or unchanged (nothing to rebuild). */
  durationS?: number | null;
  build?: string | null;
}

export interface QuarantineView {
  file: string;
  row: number | null;
  field: string | null;
  reason: string;
  raw: string | null;
}

/** A file the last run published without (analyst.failing_files): it failed, or a data check left rows of it out. */
export interface FailingView {
  sourceId: string;
  file: string;
  problem: string;
  /** Beijing time text of the first failure since the file last loaded well. */
  since: string | null;
  error: string | null;
}

export interface CheckView {
  name: string;
  severity: "error" | "warn";
  failing: number | null;
  /** The first failing rows as the check's query returns them. */
  rows?: Record<string, unknown>[];
}

/** Published ranks of bureau tables set beside ours (analyst.reported_ranks). */
export interface ReportedRanksView {
  agree: number;
  disagree: number;
  /** Published ranks we have no rank for (group or period not ranked). */
  unchecked: number;
  disagreements: { file: string; sheet: string | null; row: number | null; region: string; indicator: string; period: string; scope: string; reported: number; ours: number }[];
}

export interface QualityPageInput {
  generatedAt: Date;
  dataPeriod: string;
  sources: SourceView[];
  runs: RunView[];
  quarantineTotal: number;
  quarantine: QuarantineView[];
  checks: CheckView[];
  /** Absent in pages built from an older warehouse. */
  failing?: FailingView[];
  reportedRanks?: ReportedRanksView | null;
  indexHref: string;
}

const CHECK_NOTES =
  "reported_yoy_differs_from_ours：源文件填报的同比（按可比口径计算，页面显示和排名采用此数）与按两期数值重算的同比相差超过容差（weici.config.json checks.yoy_tolerance_pp，默认0.5个百分点）的行；diff_pp为两者之差。";
const num = (v: number | null) => (v == null ? "—" : formatNumber(v, 0));
// The run that writes this page is still running while it renders.
const OUTCOME: Record<string, string> = { ok: "成功", partial: "部分成功", failed: "失败", running: "进行中（本次）", interrupted: "中断" };
const BUILD: Record<string, string> = { built: "重新计算", unchanged: "无新数据" };
const seconds = (s: number | null | undefined) => (s == null ? "—" : `${formatNumber(s, 1)}秒`);

function table(head: string[], rows: string[][], cls = ""): string {
  return `<div class="table-wrap"><table${cls ? ` class="${cls}"` : ""}>
<thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${rows.map((r) => `<tr>${r.join("")}</tr>`).join("\n")}
</tbody></table></div>`;
}

const td = (text: string, cls = "") => `<td${cls ? ` class="${cls}"` : ""}>${escapeHtml(text)}</td>`;

export function renderQualityPage(input: QualityPageInput): string {
  const sources = table(
    ["数据源", "文件数", "载入行数", "最近载入", "载入失败", "最近错误"],
    input.sources.map((s) => [td(s.sourceId, "text"), td(num(s.files)), td(num(s.rows)), td(s.lastLoadedAt ?? "—", "text"), td(num(s.failed)), td(s.lastError ?? "—", "text")]),
  );
  const runs = input.runs.length
    ? table(
        ["运行", "开始时间", "结果", "耗时", "载入行数", "隔离行数", "说明"],
        input.runs.map((r) => [
          td(String(r.runId), "rank"),
          td(r.startedAt, "text"),
          td(OUTCOME[r.outcome] ?? r.outcome, "text"),
          td(seconds(r.durationS)),
          td(num(r.rowsLoaded)),
          td(num(r.rowsQuarantined)),
          td([r.build ? BUILD[r.build] : null, r.message].filter(Boolean).join("；"), "text"),
        ]),
      )
    : '<p class="empty">暂无运行记录。</p>';
  const shown = input.quarantine.length < input.quarantineTotal ? `（列出前${input.quarantine.length}行）` : "";
  const quarantine = input.quarantineTotal
    ? `<p class="meta">共${formatNumber(input.quarantineTotal, 0)}行未能使用${shown}。请按“原因”修改源文件后重新运行，好的行不受影响。</p>
${table(
  ["文件", "行", "字段", "原因", "原始内容"],
  input.quarantine.map((q) => [td(q.file, "text"), td(q.row == null ? "—" : String(q.row), "rank"), td(q.field ?? "", "text"), td(q.reason, "text"), `<td class="text"><code>${escapeHtml(q.raw ?? "")}</code></td>`]),
  "quarantine",
)}`
    : '<p class="empty">没有被隔离的行。</p>';
  const failing = input.checks.filter((c) => (c.failing ?? 0) > 0);
  const checks = input.checks.length
    ? `<p class="meta">${input.checks.length}项数据检查，${failing.length ? `${failing.length}项发现问题（仅警告，允许发布）` : "全部通过"}。</p>
${table(
  ["检查", "级别", "问题行数"],
  input.checks.map((c) => [td(c.name, "text"), td(c.severity === "warn" ? "警告" : "错误", "rank"), td(c.failing == null ? "未能运行" : num(c.failing))]),
)}`
    : '<p class="empty">没有数据检查。</p>';
  // A partial night first: which files the figures below are missing, and since when.
  const failingFiles = input.failing ?? [];
  const partial = failingFiles.length
    ? `<section class="alert" role="alert"><h2>部分成功：${failingFiles.length}个文件未能完整载入</h2>
<p>以下文件的数据不在本次发布中（其他文件已正常发布）。请按原因修改后重新运行。</p>
${table(
  ["数据源", "文件", "问题", "起始时间", "原因"],
  failingFiles.map((f) => [td(f.sourceId, "text"), td(f.file, "text"), td(f.problem === "file failed" ? "文件无法读取" : "部分行未通过数据检查", "text"), td(f.since ?? "—", "text"), td((f.error ?? "").split("\n")[0] ?? "", "text")]),
)}</section>`
    : "";
  const rr = input.reportedRanks;
  const ranks = rr && rr.agree + rr.disagree + rr.unchecked > 0
    ? `<p class="meta">报表所列位次${formatNumber(rr.agree + rr.disagree + rr.unchecked, 0)}个：与本系统计算一致${formatNumber(rr.agree, 0)}个，不一致${formatNumber(rr.disagree, 0)}个，无可比位次${formatNumber(rr.unchecked, 0)}个。</p>
${rr.disagreements.length ? table(
  ["文件", "工作表", "行", "地区", "指标", "期别", "范围", "报表位次", "本系统位次"],
  rr.disagreements.map((d) => [td(d.file, "text"), td(d.sheet ?? "—", "text"), td(d.row == null ? "—" : String(d.row), "rank"), td(d.region, "text"), td(d.indicator, "text"),
    td(d.period, "text"), td(d.scope === "province" ? "全省" : "全市", "text"), td(String(d.reported), "rank"), td(String(d.ours), "rank")]),
) : ""}`
    : '<p class="empty">报表中没有位次列。</p>';
  const checkRows = failing.filter((c) => c.rows?.length).map((c) => {
    const head = Object.keys(c.rows![0]!);
    const cell = (v: unknown) => (v == null ? "—" : typeof v === "number" ? String(Math.round(v * 1e4) / 1e4) : String(v));
    return `<details class="check-rows"><summary>${escapeHtml(`${c.name}：${num(c.failing)}行${c.rows!.length < (c.failing ?? 0) ? `（列出前${c.rows!.length}行）` : ""}`)}</summary>
${table(head, c.rows!.map((r) => head.map((h) => td(cell(r[h]), "text"))))}
</details>`;
  });
  const body = `<h1>数据质量</h1>
<p class="meta">生成时间：${escapeHtml(formatDateTime(input.generatedAt))} · 数据期：${escapeHtml(input.dataPeriod)}</p>
${partial}
<h2>数据源</h2>
${sources}
<h2>最近运行</h2>
${runs}
<h2>隔离的行</h2>
${quarantine}
<h2>数据检查</h2>
${checks}${checkRows.length ? `\n<p class="meta">${CHECK_NOTES}</p>\n${checkRows.join("\n")}` : ""}
<h2>报表位次核对</h2>
${ranks}`;
  return renderLayout({ title: "数据质量", breadcrumb: [{ label: "排名首页", href: input.indexHref }, { label: "数据质量" }], body });
}
