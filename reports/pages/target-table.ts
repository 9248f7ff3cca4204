// The targets table shared by the targets board and the district pages: one row per target with
// completion, 时序进度 and a status badge whose colour repeats what its text says.
import { STATUS_COLORS, STATUS_LABELS } from "../charts/palette.ts";
import { escapeHtml } from "../html.ts";
import type { TargetStatus } from "../model.ts";
import type { TargetView } from "../target-board.ts";

export function statusBadge(status: TargetStatus): string {
  const light = status === "on_track";
  return `<span class="badge${light ? " light" : ""}" style="background:${STATUS_COLORS[status]}">${escapeHtml(STATUS_LABELS[status])}</span>`;
}

export function renderTargetTable(rows: TargetView[], opts: { showRegion: boolean; regionHrefs?: Record<string, string>; caption?: string }): string {
  if (rows.length === 0) return '<p class="empty">暂无目标数据。</p>';
  const head = [opts.showRegion ? "地区" : null, "指标", "目标类型", "年度目标", "完成值", "完成率", "时序进度", "进度", "状态"].filter(Boolean) as string[];
  const body = rows
    .map((r) => {
      const href = opts.regionHrefs?.[r.regionCode];
      const name = escapeHtml(r.regionName);
      const region = opts.showRegion ? `<th scope="row" class="name">${href ? `<a href="${escapeHtml(href)}">${name}</a>` : name}</th>` : "";
      const indicator = opts.showRegion ? `<td class="text">${escapeHtml(r.indicator)}</td>` : `<th scope="row" class="name">${escapeHtml(r.indicator)}</th>`;
      return `<tr class="status-${r.status}">${region}${indicator}<td class="text">${escapeHtml(r.kindLabel)}</td><td>${escapeHtml(r.targetText)}</td><td>${escapeHtml(r.actualText)}</td><td>${escapeHtml(r.completionText)}</td><td>${escapeHtml(r.timeProgressText)}</td><td class="text">${escapeHtml(r.progressText)}</td><td class="rank">${statusBadge(r.status)}</td></tr>`;
    })
    .join("\n");
  return `<div class="table-wrap"><table class="targets">
${opts.caption ? `<caption>${escapeHtml(opts.caption)}</caption>` : ""}
<thead><tr>${head.map((h, i) => `<th scope="col"${i === 0 ? ' class="name"' : ""}>${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}
