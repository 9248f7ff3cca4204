// Lists a source's files by glob pattern, never leaving the source's folder (no path traversal,
// no symlinks pointing outside), in a stable order so runs are deterministic.
import { promises as fs } from "node:fs";
import path from "node:path";
import { SourceError } from "./errors.ts";

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

/**
 * Relative paths (with /) of the files under `dir` matching `pattern`. A missing dir gives []. A
 * matching symbolic link that leads outside the folder, to a folder or nowhere is not read; it is
 * passed to `onSkipped` with the reason, so the run can say so (it fails alone, see ingest.ts).
 */
export async function listFiles(dir: string, pattern: string, onSkipped?: (file: string, reason: string) => void): Promise<string[]> {
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
      else if (e.isSymbolicLink() && re.test(r)) {
        // A link is followed only to a file inside the folder: never to /etc/passwd, never into a loop.
        const real = await fs.realpath(path.join(root!, r)).catch(() => "");
        const stat = real ? await fs.stat(real).catch(() => undefined) : undefined;
        if (real.startsWith(root! + path.sep) && stat?.isFile()) out.push(r);
        else {
          onSkipped?.(r, !real ? "is a symbolic link that leads nowhere (its target is missing or a loop)"
            : !real.startsWith(root! + path.sep) ? `leads outside the folder ${dir} (a symbolic link); weici reads only files inside a source's folder: put the file itself there`
            : "is a symbolic link to a folder, not a file");
        }
      }
    }
  }
  await walk("");
  return out.sort();
}

/** Whether `p` is `root` itself or lies below it (both absolute, already resolved). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * The file reader of file sources: reads a path only when it leads, after every symbolic link and
 * "..", to a file inside the folder of the source it belongs to. A report's sidecar (`<name>.json`)
 * is a link an uploader could point at /etc/passwd, and a parse error would quote its first line
 * into the quarantine and the site; such a file fails alone with a SourceError instead.
 */
export function sourceFileReader(
  sources: readonly { id: string; absDir: string }[],
  read: (p: string) => Promise<Buffer> = (p) => fs.readFile(p),
): (p: string) => Promise<Buffer> {
  return async (p) => {
    const abs = path.resolve(p);
    // The most specific folder: a source at "." must not lend its wider bounds to one at "history".
    const source = sources.filter((s) => isInside(path.resolve(s.absDir), abs)).sort((a, b) => b.absDir.length - a.absDir.length)[0];
    if (!source) throw new SourceError("?", `${abs} is not inside any source folder; weici reads only files inside a source's dir`);
    const rel = path.relative(path.resolve(source.absDir), abs).split(path.sep).join("/");
    const [root, real] = await Promise.all([fs.realpath(source.absDir), fs.realpath(abs).catch(() => undefined)]);
    if (real !== undefined && !isInside(root, real)) {
      throw new SourceError(source.id, `${rel} leads outside the folder ${source.absDir} (a symbolic link); weici reads only files inside a source's folder: put the file itself there`, { file: rel });
    }
    return read(real ?? abs);
  };
}
