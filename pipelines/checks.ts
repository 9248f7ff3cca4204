// Runs the data checks in sql/checks/: each is a query returning failing rows. A failing check stops
// the publish, unless its file says `-- severity: warn`, in which case it is reported and allowed.
import { promises as fs } from "node:fs";
import path from "node:path";
import { CheckError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import type { Warehouse } from "./warehouse.ts";

export interface CheckResult {
  check: string;
  severity: "error" | "warn";
  count: number;
  sample: Record<string, unknown>[];
}

export async function runChecks(wh: Warehouse, sqlDir: string, logger: Logger): Promise<{ passed: number; warned: CheckResult[]; results: CheckResult[] }> {
  const dir = path.join(sqlDir, "checks");
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".sql")).sort();
  const results: CheckResult[] = [];
  for (const f of files) {
    const text = (await fs.readFile(path.join(dir, f), "utf8")).trim().replace(/;\s*$/, "");
    const severity = /--\s*severity:\s*warn/i.test(text) ? "warn" : "error";
    const check = f.slice(0, -4);
    const count = (await wh.one<{ n: number }>(`select count(*)::bigint as n from (\n${text}\n)`))!.n;
    const sample = count ? await wh.all(`select * from (\n${text}\n) limit 5`) : [];
    results.push({ check, severity, count, sample });
  }
  const failed = results.filter((r) => r.count > 0 && r.severity === "error");
  const warned = results.filter((r) => r.count > 0 && r.severity === "warn");
  for (const w of warned) logger.warn(`check ${w.check} found ${w.count} row(s) (allowed: severity warn)`);
  if (failed.length) throw new CheckError(failed);
  return { passed: results.length - warned.length, warned, results };
}
