// Progress of long steps: a counter redrawn in place on a terminal, a plain line per quarter in a log.
import { describe, expect, it } from "vitest";
import { streamProgress } from "../pipelines/progress.ts";
import { pageWriter } from "../pipelines/page-writer.ts";

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } };
}

describe("progress", () => {
  it("redraws one counter line on a terminal, at most every 100 ms, always at the end", () => {
    const { writes, stream } = sink(true);
    let t = 0;
    const p = streamProgress(stream, () => t);
    p.update("  reading history", 1, 4);
    t = 50;
    p.update("  reading history", 2, 4);
    t = 150;
    p.update("  reading history", 3, 4);
    p.update("  reading history", 4, 4);
    p.end();
    expect(writes).toEqual([
      "\r\x1b[2K  reading history 1/4", "\r\x1b[2K  reading history 3/4", "\r\x1b[2K  reading history 4/4", "\r\x1b[2K",
    ]);
  });

  it("writes a plain line at each quarter when not on a terminal", () => {
    const { writes, stream } = sink(false);
    const p = streamProgress(stream);
    for (let i = 1; i <= 8; i++) p.update("  models", i, 8);
    expect(writes).toEqual(["  models 2/8\n", "  models 4/8\n", "  models 6/8\n", "  models 8/8\n"]);
  });
});

describe("page writer", () => {
  it("writes a page only when its content differs from the file on disk", async () => {
    const disk = new Map([["a.html", "<p>same</p>"], ["b.html", "<p>old</p>"]]);
    const w = pageWriter(async (p, c) => void disk.set(p, c), async (p) => disk.get(p) ?? Promise.reject(new Error("ENOENT")));
    await w.writeFile("a.html", "<p>same</p>");
    await w.writeFile("b.html", "<p>new</p>");
    await w.writeFile("c.html", "<p>first</p>");
    expect([w.written, w.unchanged]).toEqual([2, 1]);
    expect(disk.get("b.html")).toBe("<p>new</p>");
  });
});
