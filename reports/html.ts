// HTML escaping and the shared page shell. Pages are mailed and opened from file:// on phones and
// printed on A4, so everything (CSS included) is inline, there is no script, and print rules keep a
// chart or a table row on one sheet.
import { ACCENT, INK, MUTED, RULE } from "./charts/palette.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escape text from data for element content and quoted attribute values alike. */
export function escapeHtml(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface Crumb {
  label: string;
  /** Relative link; the current page has none. */
  href?: string;
}

export interface LayoutOptions {
  /** Plain text; escaped here. */
  title: string;
  breadcrumb: Crumb[];
  /** Trusted HTML built by the page renderers. */
  body: string;
  /** Plain text line at the foot of the page (data period, generation time); escaped here. */
  footer?: string;
}



export const PAGE_CSS = `
:root { --accent: ${ACCENT}; --ink: ${INK}; --muted: ${MUTED}; --rule: ${RULE}; --band: #f3f5f8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.6;
  font: 16px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans GB", system-ui, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 12px 16px 32px; }
nav.crumbs { font-size: 14px; color: var(--muted); margin: 4px 0 8px; }
nav.crumbs a { color: var(--accent); text-decoration: none; }
nav.crumbs a:hover { text-decoration: underline; }
nav.crumbs .sep { margin: 0 6px; color: var(--rule); }
h1 { font-size: 22px; line-height: 1.35; margin: 8px 0 4px; color: var(--accent); }
h2 { font-size: 18px; margin: 24px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
p.meta, p.note { color: var(--muted); font-size: 14px; margin: 4px 0 12px; }
figure.chart { margin: 12px 0 20px; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
p.empty { color: var(--muted); border: 1px dashed var(--rule); padding: 12px; }
section.alert { border: 2px solid #b3261e; background: #fdf0ef; padding: 4px 12px 8px; margin: 12px 0; }
section.alert h2 { color: #b3261e; border-bottom-color: #b3261e; margin-top: 8px; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: 15px; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); font-size: 14px; padding-bottom: 4px; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--rule); white-space: nowrap; }
th { background: var(--band); font-weight: 600; text-align: center; font-size: 14px; white-space: normal; min-width: 4em; }
td { text-align: right; }
.name { text-align: left; white-space: normal; min-width: 5em; }
tbody th.name { font-weight: normal; font-size: inherit; background: #fff; }
/* On a phone the table scrolls sideways; the region name stays in view. */
.name { position: sticky; left: 0; z-index: 1; }
p.meta .item, .nw { white-space: nowrap; }
p.hint { display: none; color: var(--muted); font-size: 13px; margin: 0 0 4px; }
nav.periods { font-size: 14px; margin: 4px 0 8px; display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 6px; }
nav.periods ul { list-style: none; padding: 0; margin: 0; display: contents; }
nav.periods a, nav.periods span[aria-current] { display: inline-block; padding: 1px 8px; border: 1px solid var(--rule); border-radius: 10px; text-decoration: none; color: var(--accent); }
nav.periods span[aria-current] { background: var(--accent); border-color: var(--accent); color: #fff; }
nav.periods .label { color: var(--muted); }
p.tools a, p.extra a { color: var(--accent); }
a { color: var(--accent); }
tbody th.name a { text-decoration: none; }
tbody th.name a:hover { text-decoration: underline; }
tr:target { background: #fff6d6; }
ul.statements { padding-left: 1.2em; margin: 4px 0 12px; }
ul.statements li { margin: 4px 0; }
details.more-statements { margin: -4px 0 12px; }
details.more-statements summary { cursor: pointer; color: var(--accent); font-size: 14px; }
ul.statements .src { font-size: 13px; color: var(--muted); margin-left: 6px; white-space: nowrap; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 13px; line-height: 1.6; color: #fff; white-space: nowrap;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.badge.light { color: var(--ink); }
.grid2 { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 8px 20px; }
.grid2 figure.chart { margin: 4px 0 8px; }
figcaption { font-size: 14px; color: var(--ink); margin-bottom: 2px; }
figcaption .sub { color: var(--muted); font-size: 13px; margin-left: 6px; }
nav.sort { font-size: 14px; margin: 4px 0 8px; }
nav.sort a, nav.sort span { margin-right: 10px; }
nav.sort span[aria-current] { font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 12px; font-size: 15px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
td.rank { text-align: center; }
td.text { text-align: left; white-space: normal; }
tr.no-data td { color: var(--muted); }
ul.links { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 2px 16px; }
ul.links li { padding: 6px 0; border-bottom: 1px solid var(--band); }
ul.links a { color: var(--accent); text-decoration: none; }
ul.links .period { color: var(--muted); font-size: 13px; margin-left: 6px; }
h3 { font-size: 16px; margin: 16px 0 6px; }
.sub-h1 { font-size: 15px; color: var(--muted); font-weight: normal; margin-left: 10px; white-space: nowrap; }
td .of { color: var(--muted); font-size: 13px; }
.verdict-confirmed { color: #2e6b34; }
.verdict-contradicted { color: #a8322d; }
.verdict-unverifiable { color: var(--muted); }
code { font-size: 13px; white-space: pre-wrap; word-break: break-all; }
h2 .kind, h3 .kind { font-size: 13px; font-weight: normal; color: var(--muted); margin-left: 8px; }
nav.jump ul { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 6px; }
nav.jump a { display: inline-block; padding: 2px 10px; border: 1px solid var(--rule); border-radius: 12px; color: var(--accent); text-decoration: none; font-size: 14px; }
footer { color: var(--muted); font-size: 13px; margin-top: 24px; border-top: 1px solid var(--rule); padding-top: 8px; }
@media (max-width: 480px) {
  main { padding: 8px 10px 24px; }
  h1 { font-size: 19px; }
  table { font-size: 14px; }
  th, td { padding: 5px 5px; }
  p.hint { display: block; }
}
/* Scaled to a phone a chart's text would be ~7px: it keeps a legible width and scrolls sideways. */
@media (max-width: 600px) {
  figure.chart { overflow-x: auto; -webkit-overflow-scrolling: touch; }
  figure.chart.ranking svg { min-width: 540px; }
  figure.chart.rank-strip svg { min-width: 640px; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav.crumbs, nav.jump, nav.periods, nav.sort, p.tools { display: none; }
  h1 { font-size: 16pt; }
  h2, h1 { break-after: avoid; page-break-after: avoid; }
  figure.chart, svg { break-inside: avoid; page-break-inside: avoid; }
  p.hint { display: none !important; }
  figure.chart { overflow: visible; }
  figure.chart.ranking svg, figure.chart.rank-strip svg { min-width: 0; }
  .grid2 { display: block; }
  .name { position: static; }
  svg { max-width: 100% !important; height: auto; }
  .table-wrap { overflow: visible; }
  table { font-size: 10pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function renderCrumbs(crumbs: Crumb[]): string {
  const items = crumbs.map((c) =>
    c.href ? `<a href="${escapeHtml(c.href)}">${escapeHtml(c.label)}</a>` : `<span aria-current="page">${escapeHtml(c.label)}</span>`,
  );
  return `<nav class="crumbs" aria-label="位置">${items.join('<span class="sep" aria-hidden="true">/</span>')}</nav>`;
}

/** A complete, self-contained HTML document. */
export function renderLayout(opts: LayoutOptions): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="format-detection" content="telephone=no">
<title>${escapeHtml(opts.title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
${renderCrumbs(opts.breadcrumb)}
${opts.body}
${opts.footer ? `<footer>${escapeHtml(opts.footer)}</footer>` : ""}
</main>
</body>
</html>
`;
}
