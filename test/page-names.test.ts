// Page and folder names made from source text (peer-group names, indicator codes, region codes) are
// bounded and file-system safe for any length and script, and the same from run to run.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_NAME, districtPagePath, peerGroupSlug, rankingPagePath, safeFileName, targetsPagePath } from "../reports/paths.ts";

const LONG = "长三角生态绿色一体化发展示范区及周边县市区科技创新协同发展重点联系单位第一批名单";

describe("page names", () => {
  it("keep short names as the reversible escape they always were", () => {
    expect(safeFileName("a类")).toBe("a_e7_b1_bb");
    expect(peerGroupSlug("custom:A类地区")).toBe(`custom-${safeFileName("A类地区")}`);
    expect(peerGroupSlug("custom:A类地区")).toHaveLength("custom-".length + 3 + 3 * 9);
  });

  it("bound a peer-group name of a few dozen Chinese characters to a readable start and a hash, and can be written", () => {
    const slug = peerGroupSlug(`custom:${LONG}`);
    expect(Buffer.byteLength(LONG)).toBe(LONG.length * 3);
    expect(slug.length).toBeLessThanOrEqual("custom-".length + MAX_NAME);
    expect(slug).toMatch(/^custom-(_e[0-9a-f]_[0-9a-f]{2}_[0-9a-f]{2})+__[0-9a-f]{12}$/);
    // The readable start is the escape of the name's first characters, cut between characters' bytes.
    expect(safeFileName(LONG).startsWith(safeFileName(LONG.slice(0, 8)))).toBe(true);
    // Every page of the group fits the 255-byte limit of a name, and the file system takes it.
    const dir = mkdtempSync(path.join(os.tmpdir(), "weici-names-"));
    for (const p of [rankingPagePath(`custom:${LONG}`, "tech_contract_value", 2026, 6), targetsPagePath(`custom:${LONG}`, "completion")]) {
      for (const part of p.split("/")) expect(Buffer.byteLength(part)).toBeLessThan(255);
      const file = path.join(dir, ...p.split("/"));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, "ok");
    }
  });

  it("stay the same from run to run and apart for names that differ only at the end", () => {
    expect(peerGroupSlug(`custom:${LONG}`)).toBe(peerGroupSlug(`custom:${LONG}`));
    expect(peerGroupSlug(`custom:${LONG}`)).not.toBe(peerGroupSlug(`custom:${LONG}二`));
    expect(districtPagePath("x".repeat(500)).length).toBeLessThan(120);
  });
});
