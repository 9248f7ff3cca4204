// `weici template --period 2026-11 [--group city:330100] [--layout district|wide] [--out FILE]`: writes
// the XLSX a bureau sends its districts to fill in (reports/workbook/template-workbook.ts). Members of
// a 全市/全省 group come from the region reference (no warehouse needed); a custom group's members
// from the published warehouse. A filled-in per-district template loads through the xlsx source.
import { promises as fs } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config.ts";
import { ConfigError } from "../errors.ts";
import { loadCatalog } from "../../sources/catalog.ts";
import { loadRegions } from "../../sources/regions.ts";
import { Warehouse } from "../warehouse.ts";

export interface TemplateOptions {
  period?: string;
  group?: string;
  layout?: string;
  out?: string;
}

interface Group {
  name: string;
  kind: string;
  districts: { code: string; name: string }[];
}

async function groupMembers(config: ResolvedConfig, id: string): Promise<Group> {
  const m = /^(city|province):(\d{6})$/.exec(id);
  if (m) {
    const [, kind, code] = m;
    // NBS economic zones (5th digit 7) are no administrative units and fill in no report.
    const regions = loadRegions().filter((r) => (kind === "city" ? r.city_code === code : r.province_code === code) && r.code[4] !== "7");
    if (regions.length === 0) throw new ConfigError(`--group ${id}: no county-level units have ${kind} code ${code}; use a prefecture code such as city:330100 or a province code such as province:330000`);
    const name = kind === "city" ? regions[0]!.city_name ?? code! : regions[0]!.province_name;
    return { name, kind: kind!, districts: regions.map((r) => ({ code: r.code, name: r.name })) };
  }
  if (!id.startsWith("custom:")) throw new ConfigError(`--group ${id}: write city:<code>, province:<code> or custom:<name>`);
  const wh = await Warehouse.open(config.warehouse, { readOnly: true }).catch((e: unknown) => {
    throw new ConfigError(`--group ${id}: a custom group's members come from the warehouse, which cannot be opened (${(e as Error).message}); run weici run first`);
  });
  try {
    const rows = await wh.all<{ region_code: string; name: string; peer_group_name: string }>(
      `select m.region_code::varchar as region_code, r.name, m.peer_group_name::varchar as peer_group_name
       from analyst.peer_group_members m join analyst.regions r on r.region_code::varchar = m.region_code::varchar
       where m.peer_group_id::varchar = $1 order by 1`,
      [id],
    );
    if (rows.length === 0) throw new ConfigError(`--group ${id}: no such peer group in ${config.warehouse}; see analyst.peer_groups`);
    return { name: rows[0]!.peer_group_name, kind: "custom", districts: rows.map((r) => ({ code: r.region_code, name: r.name })) };
  } finally {
    await wh.close();
  }
}

export async function templateCommand(config: ResolvedConfig, opts: TemplateOptions, io: { stdout: (s: string) => void }): Promise<number> {
  const p = /^(\d{4})-(\d{1,2})$/.exec(opts.period ?? "");
  if (!p || Number(p[2]) < 1 || Number(p[2]) > 12) throw new ConfigError("weici template needs --period YYYY-MM, e.g. --period 2026-11");
  const [year, month] = [Number(p[1]), Number(p[2])];
  const layout = opts.layout ?? "district";
  if (layout !== "district" && layout !== "wide") throw new ConfigError(`--layout ${layout}: write district (one sheet per district) or wide (one 完成情况表)`);
  const groupId = opts.group ?? (config.province ? `province:${config.province}` : undefined);
  if (!groupId) throw new ConfigError("weici template needs --group, e.g. --group city:330100 (or set province in the config)");
  const group = await groupMembers(config, groupId);
  // Monthly indicators every month; annual ones only in the December template.
  const indicators = loadCatalog().indicators
    .filter((i) => i.frequency !== "annual" || month === 12)
    .map((i) => ({ code: i.code, name: i.name_zh, unit: i.unit, kind: i.kind }));
  const { renderTemplate } = await import("../../reports/workbook/template-workbook.ts");
  const bytes = await renderTemplate({ year, month, groupName: group.name, groupKind: group.kind, districts: group.districts, indicators, layout });
  const out = path.resolve(opts.out ?? `${group.name}科技指标填报模板（${year}年${month === 1 ? "1" : `1-${month}`}月）${layout === "wide" ? "-汇总表" : ""}.xlsx`);
  await fs.writeFile(out, bytes);
  io.stdout(`wrote ${out}: ${group.districts.length} districts, ${indicators.length} indicators, ${layout === "wide" ? "one wide sheet" : "one sheet per district"}\n`);
  return 0;
}
