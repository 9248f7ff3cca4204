// The project folder, where the data files the code reads live (sql/, config/, reports/). The code
// runs either from its TypeScript sources (tests, tsx) or compiled into dist/ (the CLI), so paths are
// found from the nearest package.json above this module rather than relative to the module itself.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project folder, e.g. projectPath("sql") (a trailing slash is kept). */
export const projectPath = (...parts: string[]) => {
  const p = path.join(PROJECT_ROOT, ...parts);
  return parts.at(-1)?.endsWith("/") ? `${p.replace(/\/$/, "")}/` : p;
};
