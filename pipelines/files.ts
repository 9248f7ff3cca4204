// Lists a source's files by glob pattern, never leaving the source's folder (no path traversal,
// no symlinks pointing outside), in a stable order so runs are deterministic.
import { promises as fs } from "node:fs";
import path from "node:path";

export function globToRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      re += pattern[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += pattern[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** Relative paths (with /) of the files under `dir` matching `pattern`. A missing dir gives []. */
export async function listFiles(dir: string, pattern: string): Promise<string[]> {
  const re = globToRegExp(pattern);
  const root = await fs.realpath(dir).catch(() => undefined);
  if (!root) return [];
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await fs.readdir(path.join(root!, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else if (e.isFile() && re.test(r)) out.push(r);
      else if (e.isSymbolicLink()) {
        const real = await fs.realpath(path.join(root!, r)).catch(() => "");
        if (real.startsWith(root! + path.sep) && re.test(r)) out.push(r);
      }
    }
  }
  await walk("");
  return out.sort();
}
