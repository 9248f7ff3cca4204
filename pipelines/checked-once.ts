// A JSON file the analyst edits (weici.config.json, config/indicators.json, config/composite-index.json)
// is checked against its schema when its text changes, not on every command: the texts that passed are
// remembered by hash (with the schema's own source text, so a changed schema checks again). A night in
// which nothing changed, and `weici status`, then never load the validator (see ark.ts).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectPath } from "./paths.ts";

/** Where passed checks are remembered: the project's own cache folder, as other Node tools keep theirs. */
export const CHECKED_CACHE = projectPath("node_modules", ".cache", "weici", "checked.json");
const KEEP = 200;

const memory = new Map<string, string[]>();

function remembered(file: string): string[] {
  let list = memory.get(file);
  if (list) return list;
  try {
    const json = JSON.parse(readFileSync(file, "utf8")) as unknown;
    list = Array.isArray(json) ? json.filter((x): x is string => typeof x === "string") : [];
  } catch {
    list = [];
  }
  memory.set(file, list);
  return list;
}

function remember(file: string, key: string): void {
  const list = [key, ...remembered(file).filter((k) => k !== key)].slice(0, KEEP);
  memory.set(file, list);
  // Best effort: a read-only install only checks every time. Written whole and renamed so that
  // parallel commands never read half a file.
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(list));
    renameSync(tmp, file);
  } catch {
    // not writable: nothing to remember
  }
}

/**
 * Returns `json` as checked by `check` (which throws on a problem). When the same text passed the same
 * schema before, `check` is not called: the schema is named by its builder's source text.
 */
export function checkedOnce<T>(text: string, schema: (type: never) => unknown, json: unknown, check: (json: unknown) => T,
  cache: string = CHECKED_CACHE): T {
  const key = createHash("sha256").update(schema.toString()).update("\0").update(text).digest("hex");
  if (remembered(cache).includes(key)) return json as T;
  const out = check(json);
  remember(cache, key);
  return out;
}

/** Forgets what was remembered in this process (tests that change the cache file behind its back). */
export const forgetChecked = () => memory.clear();
