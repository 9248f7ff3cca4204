// Renders pages on worker threads so a large site uses every core: Plot's SVG building is CPU-bound and
// the main thread is left with reading, comparing and writing files. Run from the compiled dist/ the
// worker is plain JavaScript; run from the TypeScript sources (tests, tsx) each worker first registers
// tsx's loader (worker threads do not inherit the parent's loader hooks).
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { PageJob } from "./page-jobs.ts";

export interface RenderPool {
  render: (jobs: PageJob[]) => Promise<string[]>;
  close: () => Promise<void>;
}

type Reply = { id: number; contents?: string[]; error?: string };

/** Large ESM packages the worker uses: loaded before tsx's hooks are in place they load much faster. */
const PRELOAD = ["@observablehq/plot", "linkedom"];

function resolveUrl(specifier: string): string | null {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return null;
  }
}

/** A data: URL module that preloads the big packages, registers tsx's loader if needed, then imports the worker. */
function bootstrap(): URL {
  const compiled = import.meta.url.endsWith(".js");
  if (compiled) return new URL("./render-worker.js", import.meta.url);
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const workerUrl = new URL("./render-worker.ts", import.meta.url).href;
  const preload = PRELOAD.map(resolveUrl).filter((u): u is string => u != null);
  const code = [
    `await Promise.all(${JSON.stringify(preload)}.map((u) => import(u)));`,
    `const { register } = await import(${JSON.stringify(tsxApi)});`,
    "register();",
    `await import(${JSON.stringify(workerUrl)});`,
  ].join("\n");
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Worker count: one per core, at most `max`; 0 means render in this thread. */
export function poolSize(max = 4): number {
  return Math.max(0, Math.min(max, availableParallelism()));
}

export function createRenderPool(size = poolSize()): RenderPool {
  const url = bootstrap();
  // A larger young generation: charts make many short-lived DOM nodes, and promoting them to the old
  // generation (linkedom keys every node in a WeakMap) makes collection the biggest cost. A bounded old
  // generation: a worker holds one batch of pages, but left alone V8 let each grow to ~600 MB (national site).
  const workers = Array.from({ length: size }, () => new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 192 } }));
  const pending = new Map<number, { resolve: (c: string[]) => void; reject: (e: Error) => void }>();
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let nextId = 0;
  let closing = false;
  for (const w of workers) {
    w.on("message", (m: Reply) => {
      load.set(w, (load.get(w) ?? 1) - 1);
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) p?.reject(new Error(`page rendering failed in a worker: ${m.error}`));
      else p?.resolve(m.contents ?? []);
    });
    // A worker that dies would leave its batches waiting forever: fail them all instead.
    const failAll = (e: Error) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    };
    w.on("error", failAll);
    w.on("exit", (code) => {
      if (!closing) failAll(new Error(`a page rendering worker exited (code ${code})`));
    });
  }
  return {
    render(jobs) {
      // The least busy worker takes the batch.
      const w = [...load].sort((a, b) => a[1] - b[1])[0]![0];
      load.set(w, load.get(w)! + 1);
      const id = nextId++;
      return new Promise<string[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, jobs });
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
