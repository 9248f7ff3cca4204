// File-system failures of a run (a full disk, no permission, a read-only file system, a file where a
// folder should be) turned into a StorageError that names the path and says what to do, instead of a
// bare "ENOSPC" or DuckDB "IO Error". Errors from Node's fs carry a code and a path; DuckDB's carry the
// operating system's text and the file in quotes.
import os from "node:os";
import path from "node:path";
import { PipelineError } from "./errors.ts";

/** The run could not read or write a file of its own (work dir, published warehouse, site, Parquet). */
export class StorageError extends PipelineError {
  readonly path: string;
  readonly code: string;
  constructor(file: string, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.path = file;
    this.code = code;
  }
}

/** The operating system's text for each errno we explain, as DuckDB and libc print it. */
const OS_TEXT: Record<string, RegExp> = {
  ENOSPC: /no space left on device/i,
  EDQUOT: /disk quota exceeded/i,
  EACCES: /permission denied/i,
  EPERM: /operation not permitted/i,
  EROFS: /read-only file system/i,
  ENOTDIR: /not a directory/i,
  EFBIG: /file too large/i,
};

const VERBS: Record<string, string> = {
  open: "open", read: "read", write: "write", mkdir: "create the folder", rename: "replace", link: "link",
  unlink: "remove", rm: "remove", rmdir: "remove", copyfile: "copy to", symlink: "link", scandir: "list", stat: "inspect",
};

function user(): string {
  try {
    return os.userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? "?"}`;
  }
}

/** The message for one failure: what could not be done to which path, why, and what to do. */
export function describeStorageFailure(code: string, file: string | undefined, syscall?: string): string {
  const verb = VERBS[syscall?.toLowerCase() ?? ""] ?? "write";
  const what = file ? `cannot ${verb} ${file}` : `cannot ${verb} a file of this run (the system did not say which)`;
  const dir = file ? path.dirname(file) : "the folders of warehouse, work_dir and site_dir";
  switch (code) {
    case "ENOSPC":
    case "EFBIG":
      return `${what}: no space left on the device (${code}); free disk space on the file system holding ${dir} (or point warehouse, work_dir, site_dir in weici.config.json to a larger disk) and run again`;
    case "EDQUOT":
      return `${what}: the disk quota of ${user()} is used up (EDQUOT); free space or raise the quota, then run again`;
    case "EACCES":
    case "EPERM":
      return `${what}: permission denied (${code}); make ${dir} and the files in it writable for the user running weici (${user()}), or point the paths in weici.config.json elsewhere, then run again`;
    case "EROFS":
      return `${what}: the file system is read-only (EROFS); remount it read-write or point the paths in weici.config.json to a writable disk, then run again`;
    case "ENOTDIR":
    case "EEXIST":
      return `${what}: a part of this path is a file, not a folder (${code}); move that file away or change the path in weici.config.json, then run again`;
    default:
      return `${what} (${code})`;
  }
}

const FS_CODES = new Set([...Object.keys(OS_TEXT), "EEXIST"]);

/**
 * A StorageError for a file-system failure (from Node's fs or from DuckDB), or `e` itself when it is
 * something else or already explained. `fallbackPath` names the file when the error does not.
 */
export function explainStorageError(e: unknown, fallbackPath?: string): unknown {
  if (e instanceof StorageError || !(e instanceof Error)) return e;
  const err = e as NodeJS.ErrnoException;
  if (typeof err.code === "string" && FS_CODES.has(err.code)) {
    // EEXIST only means "a file is in the way" for mkdir; elsewhere it is not a storage fault.
    if (err.code === "EEXIST" && err.syscall !== "mkdir") return e;
    // A write through a file handle (fs.writeFile) reports no path: the caller's fallback names it.
    const file = err.path ?? (err as { dest?: string }).dest ?? fallbackPath;
    return new StorageError(file ?? "", err.code, describeStorageFailure(err.code, file, err.syscall), { cause: e });
  }
  if (e instanceof PipelineError) return e;
  // DuckDB: `IO Error: Could not write file "/x/y.duckdb": No space left on device`.
  const code = Object.keys(OS_TEXT).find((c) => OS_TEXT[c]!.test(e.message));
  if (!code) return e;
  const file = /"([^"]+)"/.exec(e.message)?.[1] ?? fallbackPath;
  if (!file) return e;
  const syscall = /could not (open|read|write)|cannot (open|read|write)/i.exec(e.message);
  return new StorageError(file, code, describeStorageFailure(code, file, (syscall?.[1] ?? syscall?.[2])?.toLowerCase()), { cause: e });
}

/** Runs `fn`, turning a file-system failure into a StorageError (see explainStorageError). */
export async function explainingStorage<T>(fn: () => Promise<T>, fallbackPath?: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw explainStorageError(e, fallbackPath);
  }
}
