// A full disk or an unwritable target/: the run stops with a StorageError that names the path and
// says what to do, and the published warehouse and site stay exactly as they were. Faked where only a
// fake can reach (a page writer failing with ENOSPC, DuckDB's copy failing), and real where the system
// allows: a small tmpfs filled to the last byte (in a private mount namespace, so nothing leaks to the
// host), a target/ the running user may not write (as root, the CLI runs as `nobody` so permissions
// apply), and a file where a folder should be.
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { publishWarehouse } from "../pipelines/publish.ts";
import { readLastRun } from "../pipelines/run-log.ts";
import { runPipeline } from "../pipelines/run.ts";
import { describeStorageFailure, explainStorageError, StorageError } from "../pipelines/storage.ts";
import { Warehouse } from "../pipelines/warehouse.ts";
import { renderSite } from "../reports/site.ts";
import { queryWarehouse } from "./helpers/fixture.ts";
import { BIN, classifySite, siteSnapshot, removeWhenDone } from "./helpers/faults.ts";
import { T1, T2, T3, runDeps, setupNightly, writeBinjiang } from "./helpers/nightly.ts";

const HOLDER = fileURLToPath(new URL("./helpers/hold-warehouse.mjs", import.meta.url));
const VALUE = "select value from analyst.observations where indicator_code = 'tech_contract_value'";

const errno = (code: string, syscall: string, p: string) =>
  Object.assign(new Error(`${code}: ${syscall} '${p}'`), { code, syscall, path: p }) as NodeJS.ErrnoException;

describe("storage errors are explained", () => {
  it("names the path, the cause and what to do for Node and DuckDB failures", () => {
    const full = explainStorageError(errno("ENOSPC", "write", "/srv/weici/target/site.next/index.html"));
    expect(full).toBeInstanceOf(StorageError);
    expect((full as Error).message).toBe(describeStorageFailure("ENOSPC", "/srv/weici/target/site.next/index.html", "write"));
    expect((full as Error).message).toMatch(/^cannot write \/srv\/weici\/target\/site\.next\/index\.html: no space left on the device \(ENOSPC\); free disk space on the file system holding \/srv\/weici\/target\/site\.next/);
    const denied = explainStorageError(errno("EACCES", "mkdir", "/srv/weici/target/work")) as StorageError;
    expect(denied.message).toMatch(/^cannot create the folder \/srv\/weici\/target\/work: permission denied \(EACCES\); make \/srv\/weici\/target and the files in it writable for the user running weici/);
    const duck = explainStorageError(new Error('IO Error: Could not write file "/d/warehouse.duckdb.tmp-7": No space left on device')) as StorageError;
    expect([duck.code, duck.path]).toEqual(["ENOSPC", "/d/warehouse.duckdb.tmp-7"]);
    const readOnly = explainStorageError(new Error('IO Error: Cannot open file "/ro/w.duckdb": Read-only file system')) as StorageError;
    expect(readOnly.message).toMatch(/^cannot open \/ro\/w\.duckdb: the file system is read-only \(EROFS\)/);
    // Anything else passes through untouched.
    const other = new Error("Binder Error: column x not found");
    expect(explainStorageError(other)).toBe(other);
    expect(explainStorageError(errno("EEXIST", "link", "/x"))).not.toBeInstanceOf(StorageError);
  });
});

describe("a full disk (faked)", () => {
  it("a page that cannot be written stops the run before the publish; warehouse and site stay as they were", async () => {
    const { dir, config } = setupNightly();
    removeWhenDone(dir);
    writeBinjiang(dir, 10);
    await runPipeline(config, runDeps(T1, { renderSite }));
    const site = siteSnapshot(config.siteDir)!;
    writeBinjiang(dir, 10.5);
    let pages = 0;
    const fullDisk = async (p: string, content: string) => {
      if (++pages === 5) throw errno("ENOSPC", "write", p);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, content);
    };
    const err = await runPipeline(config, runDeps(T2, { renderSite, writeFile: fullDisk })).then(() => expect.unreachable(), (e: Error) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.message).toMatch(new RegExp(`^cannot write ${config.siteDir}\\.next/.+: no space left on the device \\(ENOSPC\\); free disk space`));
    expect(await queryWarehouse(config.warehouse, VALUE)).toEqual([{ value: 10 }]);
    expect(classifySite(siteSnapshot(config.siteDir), site, new Map())).toBe("old");
    expect(existsSync(`${config.siteDir}.next`)).toBe(false);
    expect(await readLastRun(config.workDir)).toMatchObject({ outcome: "failed", published: false, message: err.message });
    // Space again: the next run publishes without any manual step.
    expect((await runPipeline(config, runDeps(T3, { renderSite }))).outcome).toBe("ok");
    expect(await queryWarehouse(config.warehouse, VALUE)).toEqual([{ value: 10.5 }]);
  });

  it("a copy DuckDB cannot write is removed and the published warehouse is untouched", async () => {
    const { dir, config } = setupNightly();
    removeWhenDone(dir);
    writeBinjiang(dir, 10);
    await runPipeline(config, runDeps(T1));
    const before = statSync(config.warehouse).ino;
    const wh = await Warehouse.open(path.join(config.workDir, "warehouse.duckdb"));
    try {
      const tmp = `${config.warehouse}.tmp-${process.pid}`;
      // DuckDB's own words when the device fills up as the copy is opened (and checkpointed).
      const full = new Proxy(wh, {
        get: (t, k) => (k === "exec"
          ? async (sql: string) => {
            if (sql.startsWith(`attach '${tmp}'`)) throw new Error(`IO Error: Could not write file "${tmp}": No space left on device`);
            return t.exec(sql);
          }
          : Reflect.get(t, k, t)),
      });
      const err = await publishWarehouse(full, config.warehouse).then(() => expect.unreachable(), (e: Error) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect(err.message).toBe(`could not write the published copy: ${describeStorageFailure("ENOSPC", tmp, "write")}. The published warehouse ${config.warehouse} is unchanged.`);
      expect(readdirSync(path.dirname(config.warehouse)).filter((f) => f.includes(".tmp"))).toEqual([]);
    } finally {
      await wh.close();
    }
    expect(statSync(config.warehouse).ino).toBe(before);
    expect(await queryWarehouse(config.warehouse, VALUE)).toEqual([{ value: 10 }]);
  });
});

/** Whether this system lets us mount a tmpfs in a private mount namespace (root, or unprivileged user namespaces). */
function canMountTmpfs(): boolean {
  const probe = path.join(os.tmpdir(), `weici-mnt-probe-${process.pid}`);
  mkdirSync(probe, { recursive: true });
  const r = spawnSync("unshare", ["-rm", "sh", "-c", `mount -t tmpfs -o size=1m tmpfs '${probe}'`], { encoding: "utf8" });
  rmSync(probe, { recursive: true, force: true });
  return r.status === 0;
}
const TMPFS = canMountTmpfs();
// Said out loud: a container without user namespaces would otherwise skip the real full-disk tests quietly.
if (!TMPFS) console.warn("faults-storage: cannot mount a private tmpfs here (unshare -rm refused); the two real full-disk tests are skipped");

describe("a full disk (real: a small tmpfs filled up)", () => {
  it.skipIf(!TMPFS)("fails the copy and the pages with ENOSPC naming the file, keeps what was published, and recovers once there is space", () => {
    const { dir } = setupNightly();
    removeWhenDone(dir);
    const mnt = path.join(dir, "volume");
    mkdirSync(mnt);
    // Published warehouse, site and Parquet live on the small volume; the work dir stays on the big disk.
    const cfg = JSON.parse(readFileSync(path.join(dir, "weici.config.json"), "utf8"));
    Object.assign(cfg, { warehouse: "volume/warehouse.duckdb", site_dir: "volume/site", parquet_dir: "volume/parquet" });
    writeFileSync(path.join(dir, "weici.config.json"), JSON.stringify(cfg));
    writeBinjiang(dir, 10);
    const next = path.join(dir, "next.csv");
    writeFileSync(next, "地区代码,地区名称,指标名称,计量单位,年份,月份,数值\n330108,滨江区,技术合同成交额,亿元,2026,6,10.5\n");
    const q = (name: string) => `printf '%s\\n' "${VALUE}" "select count(*)::int as n from analyst.runs" | node '${HOLDER}' volume/warehouse.duckdb > ${name}.json 2>&1`;
    const weici = (name: string, args = "") => `node '${BIN}' run ${args} > ${name}.out 2>&1; echo $? > ${name}.code`;
    // Everything happens inside the namespace: the tmpfs disappears with it.
    const script = [
      "set -u",
      "mount -t tmpfs -o size=40m tmpfs volume || exit 90",
      weici("run1"),
      "cp volume/site/index.html index.before",
      `cp '${next}' history/330108-滨江区-2026.csv`,
      "dd if=/dev/zero of=volume/filler bs=64k 2>/dev/null; sync",
      weici("run2", "--no-site"),
      weici("run3"),
      "ls -a volume > volume.ls",
      q("after-full"),
      "cmp -s volume/site/index.html index.before; echo $? > site.cmp",
      "rm volume/filler",
      weici("run4"),
      q("after-space"),
      "ls -a volume > volume-after.ls",
    ].join("\n");
    const r = spawnSync("unshare", ["-rm", "sh", "-c", script], { cwd: dir, encoding: "utf8", env: { ...process.env, WEICI_FAIL_AT: "" } });
    expect(r.status, r.stderr).toBe(0);
    const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
    expect(read("run1.code").trim(), read("run1.out")).toBe("0");
    // The copy of the warehouse: DuckDB's ENOSPC, named, with what to do.
    expect(read("run2.code").trim()).toBe("1");
    expect(read("run2.out")).toMatch(new RegExp(`error: could not write the published copy: cannot (write|open) ${mnt}/warehouse\\.duckdb\\.tmp-\\d+: no space left on the device \\(ENOSPC\\); free disk space .*The published warehouse ${mnt}/warehouse\\.duckdb is unchanged\\.`));
    // The pages: written beside the live site, which stays as it was.
    expect(read("run3.code").trim()).toBe("1");
    expect(read("run3.out")).toMatch(new RegExp(`error: cannot write ${mnt}/site\\.next/\\S+: no space left on the device \\(ENOSPC\\)`));
    expect(read("site.cmp").trim()).toBe("0");
    expect(read("volume.ls").split("\n").filter((f) => /tmp|\.next|\.old/.test(f))).toEqual([]);
    expect(read("after-full.json").trim().split("\n")).toEqual(["ready", JSON.stringify([{ value: 10 }]), JSON.stringify([{ n: 1 }])]);
    // Space again: the next run publishes everything.
    expect(read("run4.code").trim(), read("run4.out")).toBe("0");
    expect(read("after-space.json").trim().split("\n")).toEqual(["ready", JSON.stringify([{ value: 10.5 }]), JSON.stringify([{ n: 4 }])]);
    expect(read("volume-after.ls").split("\n").filter((f) => /tmp|\.next|\.old/.test(f))).toEqual([]);
  }, 300_000);
});

describe("a full disk under the whole target folder, work dir included (real tmpfs)", () => {
  it.skipIf(!TMPFS)("fails with ENOSPC naming a file, keeps the published warehouse, and the working warehouse recovers once there is space", () => {
    const { dir } = setupNightly();
    removeWhenDone(dir);
    writeBinjiang(dir, 10);
    const next = path.join(dir, "next.csv");
    // A bigger change than one figure, so the working warehouse must grow.
    const rows = Array.from({ length: 20000 }, (_, i) => `330108,滨江区,技术合同成交额,亿元,${2000 + (Math.floor(i / 12) % 26)},${(i % 12) + 1},${i}.5`);
    writeFileSync(next, ["地区代码,地区名称,指标名称,计量单位,年份,月份,数值", ...rows].join("\n"));
    const q = (name: string) => `printf '%s\\n' "select count(*)::int as n from analyst.observations" | node '${HOLDER}' target/warehouse.duckdb > ${name}.json 2>&1`;
    const weici = (name: string) => `node '${BIN}' run > ${name}.out 2>&1; echo $? > ${name}.code`;
    const script = [
      "set -u",
      "mkdir -p target && mount -t tmpfs -o size=72m tmpfs target || exit 90",
      weici("run1"),
      q("before"),
      `cp '${next}' history/330108-滨江区-2026.csv`,
      // Full but for half a megabyte: the lock and the small files fit, the warehouse's growth does not.
      "dd if=/dev/zero of=target/filler bs=64k 2>/dev/null; truncate -s -512K target/filler; sync",
      weici("run2"),
      q("after-full"),
      "rm target/filler",
      weici("run3"),
      q("after-space"),
      "ls -a target target/work > target.ls",
    ].join("\n");
    const r = spawnSync("unshare", ["-rm", "sh", "-c", script], { cwd: dir, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
    expect(read("run1.code").trim(), read("run1.out")).toBe("0");
    expect(read("run2.code").trim()).toBe("1");
    expect(read("run2.out")).toMatch(/error: .*cannot (write|open) \S+: no space left on the device \(ENOSPC\); free disk space on the file system holding/);
    expect(read("run2.out")).not.toMatch(/unexpected error/);
    expect(read("after-full.json")).toBe(read("before.json"));
    expect(read("run3.code").trim(), read("run3.out")).toBe("0");
    // 312 figures of the new file (26 years × 12 months; its repeats are quarantined) and the city file's 6.
    expect(JSON.parse(read("after-space.json").split("\n")[1]!)[0].n).toBe(318);
    expect(read("target.ls").split("\n").filter((f) => /tmp|\.next|\.old|run\.lock/.test(f))).toEqual([]);
  }, 300_000);
});

const ROOT = process.getuid?.() === 0;

/** Runs the CLI as a user the permissions apply to: as root, `nobody` (root ignores file modes). */
function weiciAs(dir: string, args: string[] = ["run"]) {
  const as = ROOT ? { uid: 65534, gid: 65534 } : {};
  return spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", ...as, env: { ...process.env, HOME: os.tmpdir() } });
}

function chownTree(p: string, uid: number, gid: number) {
  chownSync(p, uid, gid);
  if (statSync(p).isDirectory()) for (const e of readdirSync(p)) chownTree(path.join(p, e), uid, gid);
}

describe("an unwritable target folder (real permissions)", () => {
  it("stops with a message naming the folder and what to do; the published warehouse and site stay", async () => {
    const { dir, config } = setupNightly();
    removeWhenDone(dir);
    writeBinjiang(dir, 10);
    if (ROOT) {
      chmodSync(dir, 0o755);
      chownTree(dir, 65534, 65534);
    }
    expect(weiciAs(dir).status).toBe(0);
    const site = siteSnapshot(config.siteDir)!;
    writeBinjiang(dir, 10.5);
    const target = path.dirname(config.warehouse);
    chmodSync(target, 0o555);
    try {
      const pages = weiciAs(dir);
      expect(pages.status).toBe(1);
      expect(pages.stderr).toMatch(new RegExp(`error: cannot create the folder ${config.siteDir}\\.next: permission denied \\(EACCES\\); make ${target} and the files in it writable for the user running weici`));
      const copy = weiciAs(dir, ["run", "--no-site"]);
      expect(copy.status).toBe(1);
      expect(copy.stderr).toMatch(new RegExp(`error: could not write the published copy: cannot (open|write) ${config.warehouse}\\.tmp-\\d+: permission denied \\(EACCES\\); make ${target} .*writable`));
    } finally {
      chmodSync(target, 0o755);
    }
    expect(await queryWarehouse(config.warehouse, VALUE)).toEqual([{ value: 10 }]);
    expect(classifySite(siteSnapshot(config.siteDir), site, new Map())).toBe("old");
    expect(readdirSync(target).filter((f) => /tmp|\.next|\.old/.test(f))).toEqual([]);
    // Writable again: the next run publishes.
    expect(weiciAs(dir).status).toBe(0);
    expect(await queryWarehouse(config.warehouse, VALUE)).toEqual([{ value: 10.5 }]);
  }, 300_000);

  it("a file where the warehouse's folder should be: a clear error, nothing half-made", () => {
    const { dir } = setupNightly();
    removeWhenDone(dir);
    writeBinjiang(dir, 10);
    const cfg = JSON.parse(readFileSync(path.join(dir, "weici.config.json"), "utf8"));
    writeFileSync(path.join(dir, "weici.config.json"), JSON.stringify({ ...cfg, warehouse: "published/warehouse.duckdb" }));
    writeFileSync(path.join(dir, "published"), "not a folder");
    const r = spawnSync(process.execPath, [BIN, "run", "--no-site"], { cwd: dir, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("error")).join("\n")).toMatch(new RegExp(`error: cannot create the folder ${path.join(dir, "published")}: a part of this path is a file, not a folder \\((EEXIST|ENOTDIR)\\); move that file away or change the path in weici.config.json`));
    expect(readFileSync(path.join(dir, "published"), "utf8")).toBe("not a folder");
  });

  it("a work folder that cannot be created: the lock says which folder, before anything runs", () => {
    const { dir } = setupNightly();
    removeWhenDone(dir);
    mkdirSync(path.join(dir, "target"));
    writeFileSync(path.join(dir, "target", "work"), "");
    const r = spawnSync(process.execPath, [BIN, "run", "--no-site"], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error: cannot create the folder .*target\/work: a part of this path is a file, not a folder/);
    expect(existsSync(path.join(dir, "target", "warehouse.duckdb"))).toBe(false);
  });
});

