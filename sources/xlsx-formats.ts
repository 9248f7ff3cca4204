// Which cells of a workbook are percent-formatted. A cell showing 3.08% holds 0.0308; read-excel-file
// returns the 0.0308 and says nothing about the format, so the reader looks at the two parts itself:
// xl/styles.xml (number formats and the cell formats, cellXfs, that use them) and, only when some cell
// format is a percent format, the sheets' <c r="D5" s="3"> elements. Both are scanned with regular
// expressions, not parsed into a tree: a report's parts are a few KB, and most workbooks have no percent
// format at all, so their sheets are never scanned (see readXlsx for the cost).

/** Built-in number formats that show a percentage: 9 = 0%, 10 = 0.00%. */
const BUILTIN_PERCENT = new Set([9, 10]);

/** A tag's attributes, allowing quoted values that contain `>`. */
const ATTRS = String.raw`((?:[^>"']|"[^"]*"|'[^']*')*)`;
const tag = (name: string) => new RegExp(String.raw`<(?:[\w.-]+:)?${name}\b${ATTRS}>`, "g");

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(String.raw`(?:^|\s)${name}\s*=\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? unescapeXml(m[1] ?? m[2] ?? "") : undefined;
}

export function unescapeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (_m, hex: string, dec: string, name: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[name]!);
}

/**
 * Whether a number format code shows a percentage: it has a `%` that is not text. Quoted text ("%"),
 * an escaped character (\%), the character after _ (a space as wide as it) or * (a fill) and bracketed
 * parts ([Red], [$-804], [>=1]) are not. Any section counts (0.00%;-0.00% and 0.00%;[Red]-0.00% alike).
 */
export function isPercentFormat(code: string): boolean {
  return code.replace(/"[^"]*"|\\.|[_*].|\[[^\]]*\]/gs, "").includes("%");
}

/** Indexes of the cell formats (cellXfs, what a cell's `s` refers to) that show a percentage. */
export function percentStyles(stylesXml: string): Set<number> {
  const out = new Set<number>();
  // Most workbooks: no % anywhere (written as is or as a character reference) and no built-in 9 or 10.
  if (!/%|&#(?:37|x25);/i.test(stylesXml) && !/numFmtId\s*=\s*["'](?:9|10)["']/.test(stylesXml)) return out;
  const codes = new Map<number, string>();
  for (const m of stylesXml.matchAll(tag("numFmt"))) {
    const id = Number(attr(m[1]!, "numFmtId"));
    const code = attr(m[1]!, "formatCode");
    if (Number.isInteger(id) && code !== undefined) codes.set(id, code);
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(stylesXml)?.[1];
  if (xfs === undefined) return out;
  let i = 0;
  for (const m of xfs.matchAll(tag("xf"))) {
    const id = Number(attr(m[1]!, "numFmtId") ?? 0);
    const code = codes.get(id);
    if (code !== undefined ? isPercentFormat(code) : BUILTIN_PERCENT.has(id)) out.add(i);
    i++;
  }
  return out;
}

/** Key of a cell by its 0-based row and column (Excel has at most 16 384 columns). */
export const cellKey = (row: number, col: number) => row * 16384 + col;

/** 0-based [row, column] of an A1 reference. */
function parseRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, col - 1];
}

// A cell's attributes (r, s, t, cm, vm) never hold ">": a plain scan, this runs over every cell.
const CELL = /<(?:[\w.-]+:)?c\s([^>]*)>/g;
const CELL_S = /(?:^|\s)s\s*=\s*["'](\d+)["']/;
const CELL_T = /(?:^|\s)t\s*=\s*["']([^"']*)["']/;
const CELL_R = /(?:^|\s)r\s*=\s*["']([^"']*)["']/;

/** Keys (cellKey) of the numeric cells of a sheet whose format is one of `styles`. */
export function percentCells(sheetXml: string, styles: ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  if (styles.size === 0) return out;
  for (const m of sheetXml.matchAll(CELL)) {
    const attrs = m[1]!;
    const s = CELL_S.exec(attrs)?.[1];
    if (s === undefined || !styles.has(Number(s))) continue;
    // Only numbers are shown as percentages; text, booleans and errors are shown as they are.
    const t = CELL_T.exec(attrs)?.[1];
    if (t !== undefined && t !== "n") continue;
    const at = parseRef(CELL_R.exec(attrs)?.[1] ?? "");
    if (at) out.add(cellKey(at[0], at[1]));
  }
  return out;
}

/** Sheet names in workbook order with the path of each sheet's part inside the zip. */
export function sheetParts(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(tag("Relationship"))) {
    const id = attr(m[1]!, "Id");
    const target = attr(m[1]!, "Target");
    if (id === undefined || target === undefined) continue;
    targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`);
  }
  const out = new Map<string, string>();
  for (const m of workbookXml.matchAll(tag("sheet"))) {
    const name = attr(m[1]!, "name");
    const rid = /(?:^|\s)(?:[\w.-]+:)?id\s*=\s*"([^"]*)"/.exec(m[1]!)?.[1];
    const part = rid === undefined ? undefined : targets.get(rid);
    if (name !== undefined && part !== undefined) out.set(name, part);
  }
  return out;
}

/**
 * What a percent-formatted cell shows, at full precision: 0.0308 → "3.08%". The decimal point is moved
 * in the number's shortest decimal text, so no binary rounding creeps in (0.0308 × 100 is 3.0799999999999996).
 */
export function percentText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [mant, expText] = Math.abs(n).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const exp = Number(expText) + 2; // the value is digits[0].digits[1..] × 10^exp
  let text: string;
  if (exp < 0) text = `0.${"0".repeat(-exp - 1)}${digits}`;
  else if (exp >= digits.length - 1) text = digits + "0".repeat(exp - digits.length + 1);
  else text = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  if (digits === "0") text = "0";
  return `${n < 0 ? "-" : ""}${text}%`;
}

/** Parts readXlsx keeps from the zip check for this: the workbook, its relationships, styles and sheets. */
export const keepFormatPart = (name: string) => name.startsWith("xl/") && (name.endsWith(".xml") || name.endsWith(".rels"));

/**
 * The percent-formatted numeric cells of each sheet (by sheet name), from a workbook's unpacked parts.
 * A workbook without any percent cell format returns at once after a look at its styles.
 */
export function percentCellsBySheet(parts: ReadonlyMap<string, Buffer>): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const text = (name: string | undefined) => (name === undefined ? "" : (parts.get(name)?.toString("utf8") ?? ""));
  const rels = () => text("xl/_rels/workbook.xml.rels");
  // Every spreadsheet program names it xl/styles.xml; the relationships say so where one does not.
  let stylesXml = text("xl/styles.xml");
  if (stylesXml === "" && !parts.has("xl/styles.xml")) {
    const rel = [...rels().matchAll(tag("Relationship"))].find((m) => /\/styles$/.test(attr(m[1]!, "Type") ?? ""));
    const target = rel && attr(rel[1]!, "Target");
    if (target) stylesXml = text(target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const styles = percentStyles(stylesXml);
  if (styles.size === 0) return out;
  for (const [name, part] of sheetParts(text("xl/workbook.xml"), rels())) {
    const cells = percentCells(text(part), styles);
    if (cells.size > 0) out.set(name, cells);
  }
  return out;
}
