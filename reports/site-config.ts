// The site's own settings (config/site.json): the title, which earlier periods get ranking pages and
// the main indicators of district pages and headlines. Validated with arktype like the other configs;
// a missing file means the defaults, so a bare checkout still builds a site.
import { existsSync, readFileSync } from "node:fs";
import { type } from "arktype";
import { projectPath } from "../pipelines/paths.ts";

const SiteConfig = type({
  "$comment?": "string",
  "title?": "string > 0",
  "history?": {
    "years?": "0 <= number.integer <= 20",
    "current_year_months?": "'quarters' | 'all' | 'none'",
  },
  "main_indicators?": "string[]",
});

export interface HistoryPolicy {
  /** Earlier years whose same month gets a page. */
  years: number;
  currentYearMonths: "quarters" | "all" | "none";
}

export interface SiteSettings {
  title: string;
  history: HistoryPolicy;
  mainIndicators: string[];
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  title: "科技创新指标区县排名",
  history: { years: 4, currentYearMonths: "quarters" },
  mainIndicators: ["hte_count", "tsme_count", "rd_intensity", "rd_expenditure", "tech_contract_value", "ht_investment"],
};

export const DEFAULT_SITE_CONFIG_PATH = projectPath("config", "site.json");

export function parseSiteConfig(json: unknown, file: string): SiteSettings {
  const out = SiteConfig(json);
  // The pipeline's ConfigError lives in pipelines/; the report step only needs a clear message.
  if (out instanceof type.errors) throw new Error(`${file}: ${out.summary}`);
  return {
    title: out.title ?? DEFAULT_SITE_SETTINGS.title,
    history: {
      years: out.history?.years ?? DEFAULT_SITE_SETTINGS.history.years,
      currentYearMonths: out.history?.current_year_months ?? DEFAULT_SITE_SETTINGS.history.currentYearMonths,
    },
    mainIndicators: out.main_indicators ?? DEFAULT_SITE_SETTINGS.mainIndicators,
  };
}

export function readSiteConfig(file = DEFAULT_SITE_CONFIG_PATH): SiteSettings {
  if (!existsSync(file)) return DEFAULT_SITE_SETTINGS;
  return parseSiteConfig(JSON.parse(readFileSync(file, "utf8")), file);
}
