// Builds the static site: the index, ranking pages (with CSVs) per peer group × indicator × period,
// district profiles, targets boards, composite index pages, the claims check and the data quality
// page. Loading (load*.ts), planning (plan-*.ts: plain-data page jobs) and writing (site-writer.ts:
// only changed files) are separate, so pages can be built and tested from plain rows.
import path from "node:path";
import { formatPeriod } from "./format.ts";
import { loadClaims, loadReportData, type Query } from "./load.ts";
import { loadExtras, type ExtraData } from "./load-extras.ts";
import type { Period, ReportData } from "./model.ts";
import type { PageJob } from "./page-jobs.ts";
import { CLAIMS_PAGE_PATH, type ClaimRow } from "./pages/claims-page.ts";
import { sortPeerGroups } from "./pages/index-page.ts";
import { compositePagePath, districtPagePath, QUALITY_PAGE_PATH, relativeHref, targetsPagePath } from "./paths.ts";
import { planComposite } from "./plan-composite.ts";
import { planDistricts } from "./plan-districts.ts";
import { planDistrictList, planHeadlines } from "./plan-index.ts";
import { planRankings } from "./plan-rankings.ts";
import { planTargets } from "./plan-targets.ts";
import { listRankedProvinces, renderProvinceList, type ProvinceListInput, type RankedProvince } from "./province-sites.ts";
import { renderPage } from "./render-page.ts";
import { createRenderPool, poolSize, type RenderPool } from "./render-pool.ts";
import { DEFAULT_SITE_SETTINGS, readSiteConfig, type SiteSettings } from "./site-config.ts";
import { writeSite, type WriteSiteResult } from "./site-writer.ts";
import { planOffice, type OfficeDownload } from "./office/plan-office.ts";
import { writeOffice } from "./office/write-office.ts";

export interface SiteFile {
  /** Path relative to the site root with `/` separators. */
  path: string;
  content: string;
}

export interface RenderSiteOptions {
  query: Query;
  outDir: string;
  /** Must create missing folders (pages go to rankings/<group>/). */
  writeFile: (path: string, content: string) => Promise<void>;
  now: Date;
  scopeProvince?: string;
  /** Default: config/site.json. */
  settings?: SiteSettings;
  /** Renders jobs elsewhere (e.g. worker threads); default in this process. */
  render?: (jobs: PageJob[]) => Promise<string[]>;
  /**
   * Write the 完成情况表 workbooks and 通报 drafts under <outDir>/downloads/ (bytes, straight to disk,
   * only when changed) and link them. Off by default: a renderer writing to memory has no disk.
   */
  officeFiles?: boolean;
}

export interface PlanOptions {
  generatedAt: Date;
  claims?: ClaimRow[];
  extras?: Partial<ExtraData>;
  settings?: SiteSettings;
  /** Link above the index (the list of provinces on a multi-province site). */
  parent?: { label: string; href: string };
  /** The 完成情况表 workbooks and 通报 drafts to link from the index. */
  downloads?: OfficeDownload[];
}

const periodKey = (p: Period) => p.year * 100 + p.month;

/** `2026年1-10月（年度指标：2025年）`: the latest monthly and annual periods among the indicators. */
export function describeDataPeriod(periods: Iterable<Period>): string {
  let monthly: Period | undefined;
  let annual: Period | undefined;
  for (const p of periods) {
    if (p.annual) annual = !annual || periodKey(p) > periodKey(annual) ? p : annual;
    else monthly = !monthly || periodKey(p) > periodKey(monthly) ? p : monthly;
  }
  if (monthly && annual) return `${formatPeriod(monthly)}（年度指标：${formatPeriod(annual)}）`;
  if (monthly ?? annual) return formatPeriod((monthly ?? annual)!);
  return "暂无数据";
}

/** Below this many files a worker's start-up (≈1 s) costs more than it saves. */
export const POOL_MIN_PAGES = 400;

const EMPTY_EXTRAS: ExtraData = { statements: [], targets: [], composite: [], compositeIndicators: [], quality: null, freshness: null };

/** Every page of the site as a job (path, kind, input); no I/O, nothing rendered yet. */
export function planSite(data: ReportData, opts: PlanOptions): PageJob[] {
  const extras: ExtraData = { ...EMPTY_EXTRAS, ...opts.extras };
  const settings = opts.settings ?? DEFAULT_SITE_SETTINGS;
  const dataPeriod = describeDataPeriod(data.periods.values());
  const regionNames = new Map(data.regions.map((r) => [r.region_code, r.name]));

  // A district gets a profile when it is in scope and has at least one ranking.
  const ranked = new Set(data.rankings.map((r) => r.region_code));
  const districtPaths = new Map(data.regions.filter((r) => ranked.has(r.region_code)).map((r) => [r.region_code, districtPagePath(r.region_code)]));

  const rankings = planRankings(data, districtPaths);
  const groups = sortPeerGroups(rankings.indexGroups).map((g) => g.peerGroup);
  const membersOf = new Map<string, Set<string>>();
  for (const r of data.rankings) {
    let s = membersOf.get(r.peer_group_id);
    if (!s) membersOf.set(r.peer_group_id, (s = new Set()));
    s.add(r.region_code);
  }
  const targets = planTargets({
    groups: groups.map((peerGroup) => ({ peerGroup, members: membersOf.get(peerGroup.peer_group_id) ?? new Set() })),
    targets: extras.targets,
    indicators: data.indicators,
    regionNames,
    districtPaths,
  });
  const composite = planComposite({
    groups,
    rows: extras.composite,
    indicators: extras.compositeIndicators,
    catalog: data.indicators,
    regionNames,
    districtPaths,
  });
  const claims = opts.claims?.filter((c) => regionNames.has(c.region_code) || !data.regions.length);
  const districts = planDistricts({
    data,
    extras,
    claims: claims ?? [],
    rankings,
    settings,
    districtPaths,
    dataPeriod,
    boards: targets.boards,
    composites: composite.composites,
  });

  const jobs: PageJob[] = [...rankings.jobs, ...districts, ...targets.jobs, ...composite.jobs];
  linkOfficeFiles(jobs, opts.downloads ?? []);
  const extraLinks: { label: string; href: string }[] = [];
  if (claims) {
    jobs.push({
      kind: "claims",
      path: CLAIMS_PAGE_PATH,
      input: {
        claims,
        regionNames,
        indicatorNames: new Map(data.indicators.map((i) => [i.indicator_code, { name: i.name_zh, unit: i.unit }])),
        generatedAt: opts.generatedAt,
        districtHrefs: Object.fromEntries([...districtPaths].map(([code, p]) => [code, relativeHref(CLAIMS_PAGE_PATH, p)])),
      },
    });
    extraLinks.push({ label: `工作总结排名表述核验（${claims.length}条）`, href: CLAIMS_PAGE_PATH });
  }
  if (extras.quality) {
    jobs.push({ kind: "quality", path: QUALITY_PAGE_PATH, input: { ...extras.quality, generatedAt: opts.generatedAt, dataPeriod, indexHref: "index.html" } });
    extraLinks.push({ label: "数据质量", href: QUALITY_PAGE_PATH });
  }

  jobs.unshift({
    kind: "index",
    path: "index.html",
    input: {
      title: settings.title,
      groups: rankings.indexGroups,
      dataPeriod,
      generatedAt: opts.generatedAt,
      extraLinks,
      freshness: extras.freshness ? `数据更新：${extras.freshness}` : undefined,
      parent: opts.parent,
      downloads: opts.downloads?.map((d) => ({ groupName: d.groupName, period: d.period, workbook: d.workbook, draft: d.draft })),
      headlines: planHeadlines({ groups, statements: extras.statements, mainIndicators: settings.mainIndicators, regionNames, pagePaths: rankings.pagePaths }),
      districts: planDistrictList(groups, data.regions, districtPaths),
      boards: groups
        .filter((g) => targets.boards.has(g.peer_group_id) || composite.composites.has(g.peer_group_id))
        .map((g) => ({
          groupName: g.peer_group_name,
          targetsHref: targets.boards.has(g.peer_group_id) ? targetsPagePath(g.peer_group_id) : null,
          compositeHref: composite.composites.has(g.peer_group_id) ? compositePagePath(g.peer_group_id) : null,
        })),
    },
  });
  return jobs;
}

/** The group's workbook and draft, linked from its ranking pages of the same period and its targets board. */
function linkOfficeFiles(jobs: PageJob[], downloads: OfficeDownload[]): void {
  const byGroup = new Map(downloads.map((d) => [d.peerGroupId, d]));
  const byBoard = new Map(downloads.flatMap((d) => (["status", "completion", "region"] as const).map((sort) => [targetsPagePath(d.peerGroupId, sort), d] as const)));
  const files = (from: string, d: OfficeDownload) => [
    { label: "完成情况表（Excel）", href: relativeHref(from, d.workbook.href), name: d.workbook.name },
    { label: "通报初稿（Word）", href: relativeHref(from, d.draft.href), name: d.draft.name },
  ];
  for (const job of jobs) {
    if (job.kind === "ranking") {
      const d = byGroup.get(job.input.table.peerGroup.peer_group_id);
      if (d && d.period === formatPeriod(job.input.table.period)) job.input.officeFiles = files(job.path, d);
    } else if (job.kind === "targets") {
      const d = byBoard.get(job.path);
      if (d) job.input.officeFiles = files(job.path, d);
    }
  }
}

/** Groups that get a workbook and a draft: every ranked group of the scope, province first, then cities, then custom groups. */
export function officeGroups(data: ReportData): string[] {
  const ranked = new Set(data.rankings.map((r) => r.peer_group_id));
  return sortPeerGroups(data.peerGroups.filter((g) => ranked.has(g.peer_group_id)).map((peerGroup) => ({ peerGroup }))).map((g) => g.peerGroup.peer_group_id);
}

/** Every page of the site rendered, from loaded data; no I/O. */
export function buildSite(data: ReportData, opts: PlanOptions): SiteFile[] {
  return planSite(data, opts).map((job) => ({ path: job.path, content: renderPage(job) }));
}

export interface LoadedSite {
  data: ReportData;
  claims: ClaimRow[] | undefined;
  extras: ExtraData;
}

/** Everything the site shows, in a fixed handful of queries. */
export async function loadSite(query: Query, opts: { scopeProvince?: string; settings: SiteSettings }): Promise<LoadedSite> {
  const data = await loadReportData(query, { scopeProvince: opts.scopeProvince, history: opts.settings.history });
  const [claims, extras] = await Promise.all([loadClaims(query), loadExtras(query, { scopeProvince: opts.scopeProvince, periods: data.periods })]);
  return { data, claims, extras };
}

/**
 * Writes planned pages, rendering on worker threads when many pages need it (a first run, a new
 * month, changed report code): below POOL_MIN_PAGES a worker's start-up costs more than it saves.
 */
export async function writeJobs(
  jobs: PageJob[],
  opts: { outDir: string; writeFile: RenderSiteOptions["writeFile"]; render?: RenderSiteOptions["render"]; workers?: number },
): Promise<WriteSiteResult> {
  let pool: RenderPool | null = null;
  const inline = async (batch: PageJob[]) => batch.map(renderPage);
  const workers = opts.workers ?? poolSize();
  try {
    return await writeSite(jobs, {
      outDir: opts.outDir,
      writeFile: opts.writeFile,
      prepare: (pending) => {
        if (!opts.render && pending >= POOL_MIN_PAGES && workers > 1) pool = createRenderPool(workers);
      },
      render: (batch) => (opts.render ?? (pool as RenderPool | null)?.render ?? inline)(batch),
    });
  } finally {
    await (pool as RenderPool | null)?.close();
  }
}

/**
 * Loads the data, plans every page and writes those whose content changed. `pages` counts the files
 * the site consists of, `written` those actually (re)written this time.
 */
export async function renderSite(opts: RenderSiteOptions): Promise<{ pages: number; written: number }> {
  const settings = opts.settings ?? readSiteConfig();
  if (opts.scopeProvince == null) {
    const provinces = await listRankedProvinces(opts.query);
    if (provinces.length > 1) return renderProvinceSites(opts, settings, provinces);
  }
  const { data, claims, extras } = await loadSite(opts.query, { scopeProvince: opts.scopeProvince, settings });
  const office = opts.officeFiles ? planOffice(data, extras, settings, officeGroups(data)) : { jobs: [], downloads: [] };
  const jobs = planSite(data, { generatedAt: opts.now, claims, extras, settings, downloads: office.downloads });
  const result = await writeJobs(jobs, opts);
  if (opts.officeFiles) await writeOffice(office.jobs, { outDir: opts.outDir });
  return { pages: result.pages, written: result.written };
}

/**
 * One complete site per province under <outDir>/<code>/ and a landing page listing them, built one
 * province at a time so that only one province's rows are in memory; the render workers are shared.
 */
async function renderProvinceSites(
  opts: RenderSiteOptions,
  settings: SiteSettings,
  provinces: RankedProvince[],
): Promise<{ pages: number; written: number }> {
  let pool: RenderPool | null = null;
  const workers = poolSize();
  const render = opts.render ?? (workers > 1 ? (batch: PageJob[]) => (pool ??= createRenderPool(workers)).render(batch) : undefined);
  const listed: ProvinceListInput["provinces"] = [];
  let pages = 1;
  let written = 0;
  try {
    for (const p of provinces) {
      const { data, claims, extras } = await loadSite(opts.query, { scopeProvince: p.code, settings });
      const office = opts.officeFiles ? planOffice(data, extras, settings, officeGroups(data)) : { jobs: [], downloads: [] };
      const jobs = planSite(data, { generatedAt: opts.now, claims, extras, settings, parent: { label: "全国", href: "../index.html" }, downloads: office.downloads });
      const result = await writeJobs(jobs, { outDir: path.join(opts.outDir, p.code), writeFile: opts.writeFile, render, workers: 1 });
      if (opts.officeFiles) await writeOffice(office.jobs, { outDir: path.join(opts.outDir, p.code) });
      pages += result.pages;
      written += result.written;
      const districts = jobs.filter((j) => j.kind === "district").length;
      listed.push({ name: p.name, href: `${p.code}/index.html`, dataPeriod: describeDataPeriod(data.periods.values()), districts, pages: result.pages });
    }
  } finally {
    await (pool as RenderPool | null)?.close();
  }
  await opts.writeFile(path.join(opts.outDir, "index.html"), renderProvinceList({ title: settings.title, generatedAt: opts.now, provinces: listed }));
  written++;
  return { pages, written };
}
