// Options of the sample generator and their parsing from argv. The "fingerprint" (everything but the
// output folder) is what MANIFEST.json records and what --if-missing compares.
import { parseArgs } from "node:util";
import { ConfigError } from "../errors.ts";

export type Scale = "zhejiang" | "national";

export interface SampleOptions {
  out: string;
  scale: Scale;
  seed: number;
  /** First year of history. */
  from: number;
  /** Last period, "YYYY-MM". */
  to: string;
  /** First year delivered as monthly XLSX reports (zhejiang scale); earlier years go to history CSVs. */
  xlsxYear: number;
  ifMissing: boolean;
}

export interface OptionsFingerprint {
  scale: Scale;
  seed: number;
  from: number;
  to: string;
  xlsx_year: number;
}

export const DEFAULT_OPTIONS: SampleOptions = {
  out: "data/sample",
  scale: "zhejiang",
  seed: 20261124,
  from: 2020,
  to: "2026-10",
  xlsxYear: 2026,
  ifMissing: false,
};

export const USAGE = `usage: npx tsx pipelines/generate-sample.ts [--out data/sample] [--scale zhejiang|national]
  [--seed 20261124] [--from 2020] [--to 2026-10] [--xlsx-year <year of --to>] [--if-missing]
Writes SYNTHETIC sample submissions (history CSVs, monthly XLSX reports, targets, peer groups, MANIFEST.json).`;

export function fingerprint(o: SampleOptions): OptionsFingerprint {
  return { scale: o.scale, seed: o.seed, from: o.from, to: o.to, xlsx_year: o.xlsxYear };
}

export function parsePeriod(to: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(to);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) throw new ConfigError(`--to must be YYYY-MM (e.g. 2026-10), got "${to}"`);
  return { year: Number(m[1]), month };
}

function int(name: string, v: string): number {
  if (!/^-?\d+$/.test(v)) throw new ConfigError(`--${name} must be an integer, got "${v}"`);
  return Number(v);
}

/** Checks cross-option rules; returns the options unchanged so callers can chain. */
export function validateOptions(o: SampleOptions): SampleOptions {
  const to = parsePeriod(o.to);
  if (o.scale !== "zhejiang" && o.scale !== "national") throw new ConfigError(`--scale must be zhejiang or national, got "${o.scale}"`);
  if (!Number.isSafeInteger(o.seed)) throw new ConfigError(`--seed must be an integer`);
  if (o.from < 2000 || o.from > to.year) throw new ConfigError(`--from ${o.from} must be between 2000 and the year of --to (${to.year})`);
  if (o.xlsxYear < o.from || o.xlsxYear > to.year) {
    throw new ConfigError(`--xlsx-year ${o.xlsxYear} must be between --from (${o.from}) and the year of --to (${to.year})`);
  }
  return o;
}

/** Parses CLI arguments; returns undefined when --help was asked for. */
export function parseSampleArgs(argv: string[]): SampleOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      out: { type: "string" },
      scale: { type: "string" },
      seed: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      "xlsx-year": { type: "string" },
      "if-missing": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return undefined;
  const to = values.to ?? DEFAULT_OPTIONS.to;
  return validateOptions({
    out: values.out ?? DEFAULT_OPTIONS.out,
    scale: (values.scale ?? DEFAULT_OPTIONS.scale) as Scale,
    seed: values.seed === undefined ? DEFAULT_OPTIONS.seed : int("seed", values.seed),
    from: values.from === undefined ? DEFAULT_OPTIONS.from : int("from", values.from),
    to,
    // Defaulting to the year of --to keeps "--to 2025-06" meaningful without a second flag.
    xlsxYear: values["xlsx-year"] === undefined ? parsePeriod(to).year : int("xlsx-year", values["xlsx-year"]),
    ifMissing: values["if-missing"] ?? false,
  });
}
