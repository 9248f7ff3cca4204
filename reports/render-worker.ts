// Worker thread side of the render pool: renders batches of page jobs sent by render-pool.ts and
// posts the contents back in order. A job that throws fails its whole batch with the message.
import { parentPort } from "node:worker_threads";
import type { PageJob } from "./page-jobs.ts";
import { renderPage } from "./render-page.ts";

parentPort?.on("message", (msg: { id: number; jobs: PageJob[] }) => {
  try {
    parentPort!.postMessage({ id: msg.id, contents: msg.jobs.map(renderPage) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) });
  }
});
