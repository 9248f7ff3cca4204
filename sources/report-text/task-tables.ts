// Tables of tasks and results flattened into text (工作任务落实情况, 绩效目标自评表, 目标完成情况表): a header
// line names the columns (工作任务 / 年度目标 / 年度指标值 … and 完成情况 / 实际完成值 / 1-9月完成 … and
// 完成率), and each following line is a row whose cells are separated by spaces or tabs. The column a
// figure sits in decides its kind: the goal column holds targets, the result column holds what was
// achieved, the 完成率 column completion rates. When a row's cells do not line up with the header, the
// first figure of the row is the goal and the rest keep the kind their own words give them.
import type { Line } from "./sentences.ts";
import { matchUnit } from "./unit-words.ts";

export type ColumnRole = "target" | "actual" | "completion" | "growth" | "unit" | "label";

// Any header naming a task, goal or plan value (工作任务, 任务内容, 年度重点任务, 年度目标, 年初指标值, 计划数) heads
// the goal column, unless it names results (目标任务完成情况), which ACTUAL_COL checks first.
const TARGET_COL = /任务|目标|计划|指标值/;
const COMPLETION_COL = /完成率|完成比例|完成进度/;
const ACTUAL_COL = /完成情况|推进情况|进展|完成值|完成数|实际完成|实际值|实绩|(?:全年|累计|本年|\d{1,2}-\d{1,2}月)(?:完成|累计)|^\d{1,2}-\d{1,2}月$|年成值|进展情况|落实情况/;
const GROWTH_COL = /增速|增长率?|同比|增幅/;
const UNIT_COL = /^(?:计量)?单位$/;
// Columns of a task assignment table (任务分解表): who does it and by when. With a goal column and no
// result column, every figure of a row is a goal.
const ASSIGN_COL = /责任单位|牵头单位|配合单位|责任领导|完成(?:期限|时限|时间)|时间节点|责任人/;
const MAX_ROWS = 80;

interface Cell {
  start: number;
  end: number;
  role: ColumnRole;
  /** Unit its column header states ("金额(万元)"), if any. */
  headerUnit?: string;
}

interface Row {
  start: number;
  end: number;
  cells: Cell[];
  /** Cells lined up with the header; otherwise only "first figure is the goal" applies. */
  aligned: boolean;
  /** "技术合同成交额(亿元)", or a 计量单位 cell: the unit of the row's bare numbers. */
  labelUnit: string | undefined;
  /** The label names a rate (增速, 增长): a percentage in the result column is a growth rate. */
  labelIsRate: boolean;
  /** A task assignment table: every figure is a goal. */
  plan: boolean;
}

function roleOf(header: string): ColumnRole {
  if (UNIT_COL.test(header)) return "unit";
  if (COMPLETION_COL.test(header)) return "completion";
  if (ACTUAL_COL.test(header)) return "actual";
  if (TARGET_COL.test(header)) return "target";
  if (GROWTH_COL.test(header)) return "growth";
  return "label";
}

interface Span {
  start: number;
  end: number;
}

/** Cells of one line: split at "|" when the line has one ("| 指标 | 年度目标 |"), else at spaces and tabs. */
function splitCells(norm: string, start: number, end: number): Span[] {
  const cells: Span[] = [];
  const re = norm.slice(start, end).includes("|") ? /[^|]*[^|\s][^|]*/g : /[^ \t]+/g;
  const text = norm.slice(start, end);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const lead = m[0].length - m[0].trimStart().length;
    cells.push({ start: start + m.index + lead, end: start + m.index + m[0].trimEnd().length });
  }
  return cells;
}

/** The columns of a header line that has a goal column and a result or 完成率 column; else undefined. */
function readHeader(norm: string, line: Line): { cells: { start: number; end: number }[]; roles: ColumnRole[] } | undefined {
  const text = norm.slice(line.start, line.end);
  if (text.length > 80 || /[。;]/.test(text) || /\d/.test(text.replace(/\d{1,2}-\d{1,2}月|(?:19|20)\d\d年度?/g, ""))) return undefined;
  const cells = splitCells(norm, line.start, line.end);
  if (cells.length < 2) return undefined;
  const roles = cells.map((c) => roleOf(norm.slice(c.start, c.end)));
  return tableKind(norm, cells, roles) ? { cells, roles } : undefined;
}

/** "results" for a goal column beside a result or 完成率 column, "plan" for a goal column beside who/when columns. */
function tableKind(norm: string, cells: Span[], roles: ColumnRole[]): "results" | "plan" | undefined {
  if (!roles.includes("target")) return undefined;
  if (roles.includes("actual") || roles.includes("completion")) return "results";
  if (cells.some((c) => ASSIGN_COL.test(norm.slice(c.start, c.end)))) return "plan";
  return undefined;
}

function unitIn(s: string): string | undefined {
  const m = /[((]([^()()]{1,6})[))]/.exec(s);
  if (!m) return undefined;
  const u = matchUnit(m[1]!, 0, false);
  return u && u.unitEnd === m[1]!.length ? u.unit : undefined;
}

/** The task tables of a report, looked up by position as figures come in order. */
export class TaskTables {
  private readonly rows: Row[] = [];
  private i = 0;

  constructor(norm: string, lines: Line[]) {
    for (let li = 0; li < lines.length; li++) {
      const stacked = this.readStacked(norm, lines, li);
      if (stacked > li) {
        li = stacked;
        continue;
      }
      const header = readHeader(norm, lines[li]!);
      if (!header) continue;
      let n = 0;
      for (let ri = li + 1; ri < lines.length && n < MAX_ROWS; ri++, n++) {
        const line = lines[ri]!;
        const cells = splitCells(norm, line.start, line.end);
        // A table ends at a blank line, at a line that is no row, or at the header of the next table; a
        // short line without figures continues a cell of the row before (责任单位 listed one per line).
        if (cells.length === 1 && line.end - line.start <= 40 && !/\d/.test(norm.slice(line.start, line.end))) continue;
        if (cells.length < 2 || readHeader(norm, line)) break;
        this.addRow(norm, header, cells);
        li = ri;
      }
    }
    this.rows.sort((a, b) => a.start - b.start);
  }

  private addRow(norm: string, header: { cells: Span[]; roles: ColumnRole[] }, cells: Span[]): void {
    const { cells: headCells, roles } = header;
    const aligned = cells.length === headCells.length;
    const label = norm.slice(cells[0]!.start, cells[0]!.end);
    const unitCell = aligned ? cells.find((_, k) => roles[k] === "unit") : undefined;
    const unitText = unitCell ? norm.slice(unitCell.start, unitCell.end) : "";
    const cellUnit = unitText ? matchUnit(unitText, 0, false) : undefined;
    this.rows.push({
      start: cells[0]!.start,
      end: cells[cells.length - 1]!.end,
      aligned,
      cells: cells.map((c, k) => ({ ...c, role: aligned ? roles[k]! : "label", headerUnit: aligned ? unitIn(norm.slice(headCells[k]!.start, headCells[k]!.end)) : undefined })),
      labelUnit: unitIn(label) ?? (cellUnit && cellUnit.unitEnd === unitText.length ? cellUnit.unit : undefined),
      labelIsRate: GROWTH_COL.test(label),
      plan: tableKind(norm, headCells, roles) === "plan",
    });
  }

  /**
   * A table copied from a web page with one cell per line and a "|" line between cells. The header is
   * the cells before the first row number; rows are the following runs of as many cells. Returns the
   * index of the last line read, or `li` when no such table starts here.
   */
  private readStacked(norm: string, lines: Line[], li: number): number {
    const isBar = (l: Line | undefined) => l !== undefined && norm.slice(l.start, l.end).trim() === "|";
    if (!isBar(lines[li + 1])) return li;
    const cells: Span[] = [];
    let last = li;
    let first = -1;
    for (let k = li; k < lines.length; k += 2) {
      const l = lines[k]!;
      const text = norm.slice(l.start, Math.min(l.end, l.start + 200));
      if (text.trim() === "" || text.trim() === "|") break;
      const lead = text.length - text.trimStart().length;
      cells.push({ start: l.start + lead, end: l.start + norm.slice(l.start, l.end).trimEnd().length });
      if (first < 0 && /^\d{1,3}$/.test(text.trim())) {
        first = cells.length - 1;
        // Decide on the header before reading the rows, so a run of "|" lines that is no table costs little.
        const heads = cells.slice(0, first);
        if (first < 2 || !tableKind(norm, heads, heads.map((c) => roleOf(norm.slice(c.start, c.end))))) return li;
      }
      // The header comes within a dozen cells; giving up early keeps a long run of "|" lines linear.
      if (first < 0 && cells.length > 12) return li;
      last = k + (isBar(lines[k + 1]) ? 1 : 0);
      if (!isBar(lines[k + 1])) break;
    }
    if (first < 2) return li;
    const headCells = cells.slice(0, first);
    const roles = headCells.map((c) => roleOf(norm.slice(c.start, c.end)));
    if (!tableKind(norm, headCells, roles)) return li;
    const header = { cells: headCells, roles };
    for (let k = first; k + headCells.length <= cells.length; k += headCells.length) this.addRow(norm, header, cells.slice(k, k + headCells.length));
    return last;
  }

  private rowAt(pos: number): Row | undefined {
    // Positions mostly increase; step back when a second pass starts again from the top.
    while (this.i > 0 && (this.i >= this.rows.length || this.rows[this.i]!.start > pos)) this.i--;
    while (this.i < this.rows.length && this.rows[this.i]!.end < pos) this.i++;
    const r = this.rows[this.i];
    return r && r.start <= pos && pos <= r.end ? r : undefined;
  }

  /**
   * Unit of a bare number that fills a whole goal or result cell: its column header's unit, else the
   * row's (label or 计量单位 cell). Numbers in other columns (序号, 权重, 得分) are not figures.
   */
  bareCellUnit(start: number, end: number): string | undefined {
    const r = this.rowAt(start);
    if (!r) return undefined;
    const cell = r.cells.find((c) => c.start <= start && end <= c.end);
    if (!cell || cell.start !== start || cell.end !== end) return undefined;
    if (cell.role === "label" || cell.role === "unit") return undefined;
    return cell.headerUnit ?? r.labelUnit;
  }

  /**
   * The kind a figure takes from its column, given the kind its own words gave it and whether it is the
   * first figure of its row; undefined outside task tables.
   */
  kindAt(pos: number, own: string, unitIsPercent: boolean, firstInRow: boolean): string | undefined {
    const r = this.rowAt(pos);
    if (!r) return undefined;
    if (r.plan) return "target";
    if (!r.aligned) return firstInRow ? "target" : own === "target" ? "level" : undefined;
    const cell = r.cells.find((c) => c.start <= pos && pos < c.end);
    switch (cell?.role) {
      case "target":
        return "target";
      case "completion":
        return unitIsPercent ? "completion" : undefined;
      case "growth":
        return unitIsPercent ? "growth" : undefined;
      case "actual":
        if (unitIsPercent && r.labelIsRate && (own === "level" || own === "target")) return "growth";
        return own === "target" ? "level" : undefined;
      default:
        return undefined;
    }
  }

  /** Start of the row holding `pos`, to tell the first figure of a row; -1 outside task tables. */
  rowStart(pos: number): number {
    return this.rowAt(pos)?.start ?? -1;
  }
}
